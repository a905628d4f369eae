//! Compiling one file to a module body: parse, strip types, lower ES modules, find requests
//! and `wx` usage, resolve requests, (minify,) print. Runs on any thread; swc's `GLOBALS` is
//! set for the duration of the call only.

use std::collections::{BTreeMap, BTreeSet};

use swc_common::{Globals, Mark, SyntaxContext, GLOBALS};
use swc_ecma_ast::{ModuleItem, Program, Script};
use swc_ecma_transforms_base::{fixer::fixer, resolver as scopes};
use swc_ecma_transforms_typescript::strip;

use super::deps::{self, Kind, Request};
use super::parse::{parse, Language};
use super::resolve::{Resolved, Resolver};
use super::usage::{self, Usage};
use super::{esm, print};
use crate::source::{codes, offset_of_utf16, Diagnostic};

/// One compiled module, ready to be wrapped into a chunk.
#[derive(Debug, Clone)]
pub struct CompiledModule {
    /// The source file (`utils/x.ts`).
    pub source: String,
    /// The module's path in the registry (`utils/x.js`).
    pub id: String,
    /// The factory's body, ending with a newline.
    pub code: String,
    /// Source map of `code` as JSON (none for JSON modules and broken files).
    pub map: Option<String>,
    /// Specifier as written → module path, for every request that resolved.
    pub deps: BTreeMap<String, String>,
    /// Resolved requests with their kind, for the checks made when linking.
    pub requests: Vec<(String, Kind, std::ops::Range<usize>)>,
    pub usage: Usage,
    pub diagnostics: Vec<Diagnostic>,
    /// npm packages this module requires that are listed but not installed.
    pub not_installed: BTreeSet<String>,
}

/// The registry path of the module compiled from `source`: TypeScript becomes `.js`.
pub fn module_id(source: &str) -> String {
    match source.strip_suffix(".ts") {
        Some(stem) => format!("{stem}.js"),
        None => source.to_string(),
    }
}

fn empty(source: &str, code: String) -> CompiledModule {
    CompiledModule {
        source: source.to_string(),
        id: module_id(source),
        code,
        map: None,
        deps: BTreeMap::new(),
        requests: Vec::new(),
        usage: Usage::default(),
        diagnostics: Vec::new(),
        not_installed: BTreeSet::new(),
    }
}

/// A module whose body throws `message` as a `SyntaxError` when it is required.
pub(crate) fn throwing(source: &str, diagnostic: Diagnostic) -> CompiledModule {
    let message =
        serde_json::to_string(&diagnostic.message).unwrap_or_else(|_| "\"syntax error\"".into());
    let mut module = empty(source, format!("throw new SyntaxError({message});\n"));
    module.diagnostics.push(diagnostic);
    module
}

/// Compiles the script `source` (text `text`).
pub fn compile(
    resolver: &Resolver,
    source: &str,
    text: &str,
    language: Language,
    minify: bool,
) -> CompiledModule {
    super::depth::on_big_stack(|| {
        GLOBALS.set(&Globals::new(), || {
            compile_in_globals(resolver, source, text, language, minify)
        })
    })
}

fn compile_in_globals(
    resolver: &Resolver,
    source: &str,
    text: &str,
    language: Language,
    minify: bool,
) -> CompiledModule {
    let parsed = match parse(source, text, language) {
        Ok(parsed) => parsed,
        Err(diagnostic) => return throwing(source, *diagnostic),
    };
    let unresolved_mark = Mark::new();
    let top_level_mark = Mark::new();
    let typescript = language == Language::TypeScript;
    let mut program = parsed
        .program
        .apply(scopes(unresolved_mark, top_level_mark, typescript));
    if typescript {
        program = program.apply(strip(unresolved_mark, top_level_mark));
    }
    let unresolved = SyntaxContext::empty().apply_mark(unresolved_mark);
    let top = SyntaxContext::empty().apply_mark(top_level_mark);
    let mut program = match program {
        Program::Module(module) => {
            let span = module.span;
            let is_esm = module
                .body
                .iter()
                .any(|i| matches!(i, ModuleItem::ModuleDecl(_)));
            let body = if is_esm {
                esm::lower(module, top, unresolved)
            } else {
                module.body.into_iter().filter_map(|i| i.stmt()).collect()
            };
            Program::Script(Script {
                span,
                body,
                shebang: None,
            })
        }
        script => script,
    };
    let start = parsed.file.start_pos;
    let requests = deps::collect(&mut program, unresolved, start);
    let usage = usage::analyze(&program, unresolved, start, source, text);
    let mut program = program.apply(fixer(None));
    if minify {
        program = print::minify(program, &parsed.cm, unresolved_mark, top_level_mark);
    }
    let (code, map) = print::print(
        &program,
        &parsed.cm,
        &parsed.legal_comments,
        minify,
        "app/main.js",
    );
    let mut module = empty(source, code);
    module.map = Some(map);
    module.usage = usage;
    link_requests(resolver, &mut module, requests);
    module
}

/// Resolves each request of `module`, recording its target or a diagnostic at its span.
fn link_requests(resolver: &Resolver, module: &mut CompiledModule, requests: Vec<Request>) {
    let source = module.source.clone();
    for request in requests {
        let (spec, kind, span) = match request {
            Request::Dynamic { span } => {
                module.diagnostics.push(
                    Diagnostic::of(codes::SCRIPT_DYNAMIC_REQUIRE, "`require` of a computed path is resolved only at run time")
                        .in_file(&source)
                        .with_span(span)
                        .with_label("computed path")
                        .with_hint("the runtime looks the path up among the app's modules when this runs; write the path as a string literal to have it checked now"),
                );
                continue;
            }
            Request::Plugin { span } => {
                module.diagnostics.push(
                    Diagnostic::of(codes::SCRIPT_PLUGIN_UNSUPPORTED, "`requirePlugin` loads a WeChat plugin, which miniport cannot carry over; it fails at run time")
                        .in_file(&source)
                        .with_span(span)
                        .with_hint("plugins run only inside WeChat; replace the plugin with code of your own (code that catches the failure keeps working)"),
                );
                continue;
            }
            Request::Static { spec, kind, span } => (spec, kind, span),
        };
        if spec.ends_with(".wxs") {
            // WXS runs in the view layer only (its modules are emitted beside the templates).
            module.diagnostics.push(
                Diagnostic::of(codes::SCRIPT_REQUIRE_WXS, format!("JavaScript cannot `require` the WXS module `{spec}`"))
                    .in_file(&source)
                    .with_span(span)
                    .with_label("a WXS module")
                    .with_hint("WXS modules are loaded by templates (`<wxs src=\"…\" module=\"m\"/>`); WeChat fails this `require` too: move the shared code into a `.js` module"),
            );
            continue;
        }
        match resolver.resolve(&source, &spec) {
            Resolved::File(file) => {
                let id = module_id(&file);
                module.requests.push((id.clone(), kind, span));
                module.deps.insert(spec, id);
            }
            Resolved::Escapes => module.diagnostics.push(
                Diagnostic::of(codes::SCRIPT_PATH_ESCAPES_ROOT, format!("`{spec}` points outside the mini-program"))
                    .in_file(&source)
                    .with_span(span)
                    .with_label("outside the project root")
                    .with_hint("miniport reads nothing outside the project root; copy the module into the project"),
            ),
            Resolved::NotInstalled(package) => {
                module.not_installed.insert(package);
            }
            Resolved::Missing { bare: true } if resolver.library => module.diagnostics.push(
                Diagnostic::of(codes::SCRIPT_MISSING_PACKAGE, format!("the npm package `{spec}` is not part of this library"))
                    .in_file(&source)
                    .with_span(span)
                    .with_hint("an app that uses this library must provide it in its miniprogram_npm"),
            ),
            Resolved::Missing { bare } => {
                let hint = if bare {
                    "install the package and run WeChat's \"build npm\" so that it is in miniprogram_npm, or add a resolveAlias entry"
                } else {
                    "check the path: WeChat looks for the file itself, then `.js`/`.ts`, then `index.js`/`index.ts` in a folder of that name"
                };
                module.diagnostics.push(
                    Diagnostic::of(codes::SCRIPT_UNRESOLVED_REQUIRE, format!("cannot find module `{spec}`"))
                        .in_file(&source)
                        .with_span(span)
                        .with_label("not found")
                        .with_hint(hint),
                );
            }
        }
    }
}

/// A JSON file as a module whose `module.exports` is its value.
pub fn compile_json(source: &str, text: &str) -> CompiledModule {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(value) => {
            let json = serde_json::to_string(&value).unwrap_or_else(|_| "null".into());
            empty(source, format!("module.exports = {json};\n"))
        }
        Err(err) => {
            let at = offset_of_utf16(text, err.line(), err.column());
            let diagnostic = Diagnostic::of(
                codes::SCRIPT_SYNTAX_ERROR,
                format!("invalid JSON in `{source}`: {err}"),
            )
            .in_file(source)
            .with_span(at..at)
            .with_hint("fix the JSON; until then requiring it throws this error");
            throwing(source, diagnostic)
        }
    }
}
