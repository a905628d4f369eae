//! The names of the runtime's render helpers (`$.name`) that render code calls, one constant each.
//!
//! `$` is the helper object the runtime passes to every render function (`export const $` in
//! `runtime-shim/src/render/helpers.js`). The printers write `$.{NAME}(…)` with these
//! constants, never a name of their own; a test reads the runtime's `$` and fails when a name
//! here is not one of its members, or when it has a member that is not listed here.

/// `$.h(tag, props, children)`: a vnode; children are flattened, `null`s dropped.
pub const ELEMENT: &str = "h";
/// `$.s(v)`: a binding as text, stringified as WeChat does (`undefined` → `""`).
pub const TEXT: &str = "s";
/// `$.c(v)`: a class bound as one `{{ }}`; `null` and `undefined` give no class.
pub const CLASS: &str = "c";
/// `$.m(o, k)`: `o[k]`, `undefined` when `o` is `null` or `undefined`.
pub const MEMBER: &str = "m";
/// `$.f(o, k, args)`: calls `o[k]` (or `k`, when it is the function), as WeChat calls into WXS.
pub const CALL: &str = "f";
/// `$.a(v)`: what `...v` spreads in an array literal; `null` and `undefined` give nothing.
pub const SPREAD: &str = "a";
/// `$.i(k, o)`: `k in o`, `false` when `o` is not an object.
pub const IN: &str = "i";
/// `$.o(v, c)`: `v instanceof c`, `false` when `c` is not a function.
pub const INSTANCE_OF: &str = "o";
/// `$.each(list, (item, index) => body, key)`: `wx:for` over an array, an object's values, a
/// number or a string's characters, with the `wx:key` of each vnode.
pub const EACH: &str = "each";
/// `$.call(templates, name, data, file)`: `<template is>`; an unknown name renders nothing and
/// a recursive call is stopped, each with WeChat's warning.
pub const TEMPLATE: &str = "call";
/// `$.include(render, d)`: `<include>`, a recursive include stopped as WeChat stops it.
pub const INCLUDE: &str = "include";
/// `$.scope(d, locals)`: the data an include renders with, the scope plus loop variables and
/// WXS modules.
pub const SCOPE: &str = "scope";
/// `$.wxs(factory)`: the exports of a WXS module, its factory run once.
pub const WXS: &str = "wxs";

/// Every helper render code may call.
pub const ALL: &[&str] = &[
    ELEMENT,
    TEXT,
    CLASS,
    MEMBER,
    CALL,
    SPREAD,
    IN,
    INSTANCE_OF,
    EACH,
    TEMPLATE,
    INCLUDE,
    SCOPE,
    WXS,
];

#[cfg(test)]
mod tests {
    use std::collections::BTreeSet;

    use swc_ecma_ast::{
        Decl, ExportSpecifier, Expr, Module, ModuleDecl, ModuleExportName, ModuleItem, ObjectLit,
        Pat, Prop, PropName, PropOrSpread, Stmt,
    };

    use super::ALL;
    use crate::script::parse::{parse, Language};
    use crate::wechat::runtime::files;

    /// The object literal `module` exports as `exported`, by `export const` or `export { … }`.
    fn exported_as<'a>(module: &'a Module, exported: &str) -> Option<&'a ObjectLit> {
        let mut local = None;
        for item in &module.body {
            match item {
                ModuleItem::ModuleDecl(ModuleDecl::ExportDecl(export)) => {
                    if let Decl::Var(var) = &export.decl {
                        for d in &var.decls {
                            if matches!(&d.name, Pat::Ident(i) if &*i.id.sym == exported) {
                                return d.init.as_deref().and_then(object);
                            }
                        }
                    }
                }
                ModuleItem::ModuleDecl(ModuleDecl::ExportNamed(named)) if named.src.is_none() => {
                    for spec in &named.specifiers {
                        if let ExportSpecifier::Named(n) = spec {
                            let name = |n: &ModuleExportName| match n {
                                ModuleExportName::Ident(i) => i.sym.to_string(),
                                ModuleExportName::Str(s) => s.value.to_string_lossy().into(),
                            };
                            let outer = n.exported.as_ref().map_or_else(|| name(&n.orig), name);
                            if outer == exported {
                                local = Some(name(&n.orig));
                            }
                        }
                    }
                }
                _ => {}
            }
        }
        let local = local?;
        module.body.iter().find_map(|item| match item {
            ModuleItem::Stmt(Stmt::Decl(Decl::Var(var))) => var.decls.iter().find_map(|d| {
                matches!(&d.name, Pat::Ident(i) if *i.id.sym == *local)
                    .then(|| d.init.as_deref().and_then(object))
                    .flatten()
            }),
            _ => None,
        })
    }

    fn object(expr: &Expr) -> Option<&ObjectLit> {
        match expr {
            Expr::Object(o) => Some(o),
            Expr::Paren(p) => object(&p.expr),
            _ => None,
        }
    }

    /// The member names of an object literal; an error for a member whose name cannot be read
    /// from the source (a spread, a computed key).
    fn member_names(object: &ObjectLit) -> Result<Vec<String>, String> {
        let key = |k: &PropName| match k {
            PropName::Ident(i) => Ok(i.sym.to_string()),
            PropName::Str(s) => Ok(s.value.to_string_lossy().into()),
            _ => Err("a member with a computed or numeric key".to_string()),
        };
        object
            .props
            .iter()
            .map(|p| match p {
                PropOrSpread::Spread(_) => Err("a spread member (`...x`)".to_string()),
                PropOrSpread::Prop(p) => match &**p {
                    Prop::Shorthand(i) => Ok(i.sym.to_string()),
                    Prop::KeyValue(kv) => key(&kv.key),
                    Prop::Method(m) => key(&m.key),
                    Prop::Getter(g) => key(&g.key),
                    Prop::Setter(s) => key(&s.key),
                    Prop::Assign(a) => Ok(a.key.sym.to_string()),
                },
            })
            .collect()
    }

    /// The runtime file that exports `$`, and the names of `$`'s members.
    fn runtime_helpers() -> Result<(&'static str, Vec<String>), String> {
        let mut found = Vec::new();
        for (path, text) in files() {
            if !path.ends_with(".js") || !text.contains("export") || !text.contains('$') {
                continue;
            }
            let parsed = parse(path, text, Language::JavaScript)
                .map_err(|d| format!("{path} does not parse: {}", d.message))?;
            let Some(module) = parsed.program.as_module() else {
                continue;
            };
            if let Some(object) = exported_as(module, "$") {
                let names = member_names(object).map_err(|what| {
                    format!("`$` in {path} has {what}: list its helpers one by one")
                })?;
                found.push((*path, names));
            }
        }
        match found.len() {
            1 => Ok(found.remove(0)),
            0 => Err("no runtime module exports `$` as an object literal".into()),
            _ => {
                let paths: Vec<_> = found.iter().map(|(p, _)| *p).collect();
                Err(format!(
                    "more than one runtime module exports `$`: {paths:?}"
                ))
            }
        }
    }

    /// What differs between the table and the runtime's members, one line each.
    fn mismatches(table: &[&str], runtime: &[String], file: &str) -> Vec<String> {
        let table: BTreeSet<&str> = table.iter().copied().collect();
        let runtime: BTreeSet<&str> = runtime.iter().map(String::as_str).collect();
        let missing = table
            .difference(&runtime)
            .map(|name| format!("render code calls `$.{name}`, which `$` in {file} does not have"));
        let unlisted = runtime.difference(&table).map(|name| {
            format!(
                "`$.{name}` in {file} is not in template/print/helpers.rs: list it or remove it"
            )
        });
        missing.chain(unlisted).collect()
    }

    #[test]
    fn every_helper_in_the_table_is_a_member_of_the_runtimes_dollar_and_no_other() {
        let (file, names) = runtime_helpers().unwrap_or_else(|err| panic!("{err}"));
        let found = mismatches(ALL, &names, file);
        assert!(found.is_empty(), "{}", found.join("\n"));
        let unique: BTreeSet<_> = ALL.iter().collect();
        assert_eq!(unique.len(), ALL.len(), "a helper is listed twice: {ALL:?}");
    }

    #[test]
    fn a_helper_missing_on_either_side_is_reported() {
        let runtime = vec!["h".to_string(), "only_in_runtime".to_string()];
        let found = mismatches(&["h", "only_in_table"], &runtime, "render/helpers.js");
        assert_eq!(
            found,
            [
                "render code calls `$.only_in_table`, which `$` in render/helpers.js does not have",
                "`$.only_in_runtime` in render/helpers.js is not in template/print/helpers.rs: list it or remove it",
            ]
        );
    }

    #[test]
    fn members_of_an_exported_object_are_read_in_each_form() {
        let source =
            "const q = 1;\nconst helpers = { h, s: str, 'c': 1, m() {}, get g() { return 1; } };\n\
            export { helpers as $ };\nexport const other = { x: 1 };\n";
        let parsed = parse("x.js", source, Language::JavaScript).expect("parses");
        let module = parsed.program.as_module().expect("a module");
        let object = exported_as(module, "$").expect("`$` is exported");
        assert_eq!(
            member_names(object),
            Ok(vec![
                "h".into(),
                "s".into(),
                "c".into(),
                "m".into(),
                "g".into()
            ])
        );
        let parsed = parse(
            "y.js",
            "export const $ = { ...base, h };",
            Language::JavaScript,
        )
        .expect("parses");
        let module = parsed.program.as_module().expect("a module");
        let object = exported_as(module, "$").expect("`$` is exported");
        assert!(member_names(object).is_err());
    }
}
