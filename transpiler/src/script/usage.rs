//! What a module asks of WeChat: every `wx.*` API (`wx.x(…)`, `wx['x']`, `const { x } = wx`,
//! `wx.x` as a value), every `wx[expr]` or `wx` passed as a value (dynamic: APIs named at run
//! time or elsewhere; `typeof wx` is not a use), and every use of the framework globals
//! (`getApp`, `getCurrentPages`, `App`, `Page`, `Component`, `Behavior`), with positions.

use std::collections::BTreeMap;

use serde::Serialize;
use swc_common::{BytePos, Span, Spanned, SyntaxContext};
use swc_ecma_ast::*;
use swc_ecma_visit::{Visit, VisitWith};

use crate::source::LineIndex;

/// The globals of WeChat's framework whose use is recorded.
pub const GLOBALS: &[&str] = &[
    "App",
    "Behavior",
    "Component",
    "Page",
    "getApp",
    "getCurrentPages",
];

/// A place in a source file (1-based line and column).
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Location {
    pub file: String,
    pub line: usize,
    pub column: usize,
    /// Byte range of the use in the file, for diagnostics (not in report.json).
    #[serde(skip)]
    pub offset: usize,
    #[serde(skip)]
    pub len: usize,
}

/// Uses found in one module or, merged, in the whole app.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// `wx` API name → where it is used.
    pub apis: BTreeMap<String, Vec<Location>>,
    /// `wx[expr]`, or `wx` passed as a value: APIs chosen at run time or elsewhere.
    pub dynamic: Vec<Location>,
    /// Framework global → where it is used.
    pub globals: BTreeMap<String, Vec<Location>>,
}

impl Usage {
    pub fn merge(&mut self, other: &Usage) {
        for (name, at) in &other.apis {
            self.apis
                .entry(name.clone())
                .or_default()
                .extend(at.iter().cloned());
        }
        self.dynamic.extend(other.dynamic.iter().cloned());
        for (name, at) in &other.globals {
            self.globals
                .entry(name.clone())
                .or_default()
                .extend(at.iter().cloned());
        }
    }

    /// Sorts every list, so the result is the same whatever the order of merging.
    pub fn sort(&mut self) {
        self.apis.values_mut().for_each(|v| v.sort());
        self.dynamic.sort();
        self.globals.values_mut().for_each(|v| v.sort());
    }
}

/// Finds the uses in `program` (the file `path` with text `text`).
pub fn analyze(
    program: &Program,
    unresolved: SyntaxContext,
    start: BytePos,
    path: &str,
    text: &str,
) -> Usage {
    let mut finder = Finder {
        unresolved,
        start,
        path,
        lines: LineIndex::new(text),
        usage: Usage::default(),
    };
    program.visit_with(&mut finder);
    finder.usage
}

struct Finder<'a> {
    unresolved: SyntaxContext,
    start: BytePos,
    path: &'a str,
    lines: LineIndex<'a>,
    usage: Usage,
}

impl Finder<'_> {
    fn at(&self, span: Span) -> Location {
        let offset = span.lo.0.saturating_sub(self.start.0) as usize;
        let pos = self.lines.line_col(offset);
        Location {
            file: self.path.to_string(),
            line: pos.line,
            column: pos.column,
            offset,
            len: span.hi.0.saturating_sub(span.lo.0) as usize,
        }
    }

    fn is_wx(&self, expr: &Expr) -> bool {
        matches!(expr, Expr::Ident(id) if &*id.sym == "wx" && id.ctxt == self.unresolved)
    }

    fn api(&mut self, name: String, span: Span) {
        let at = self.at(span);
        self.usage.apis.entry(name).or_default().push(at);
    }
}

impl Visit for Finder<'_> {
    /// `wx` itself as a value (`promisifyAll(wx)`, `const api = wx`): its APIs are called
    /// elsewhere, by names the compiler does not see.
    fn visit_expr(&mut self, node: &Expr) {
        if self.is_wx(node) {
            let at = self.at(node.span());
            self.usage.dynamic.push(at);
            return;
        }
        node.visit_children_with(self);
    }

    /// `typeof wx` asks only whether WeChat's global exists.
    fn visit_unary_expr(&mut self, node: &UnaryExpr) {
        if node.op == UnaryOp::TypeOf && self.is_wx(&node.arg) {
            return;
        }
        node.visit_children_with(self);
    }

    fn visit_member_expr(&mut self, node: &MemberExpr) {
        if self.is_wx(&node.obj) {
            match &node.prop {
                MemberProp::Ident(name) => self.api(name.sym.to_string(), node.span),
                MemberProp::Computed(c) => match &*c.expr {
                    Expr::Lit(Lit::Str(s)) => {
                        self.api(s.value.to_string_lossy().into_owned(), node.span)
                    }
                    _ => {
                        let at = self.at(node.span);
                        self.usage.dynamic.push(at);
                    }
                },
                MemberProp::PrivateName(_) => {}
            }
            if let MemberProp::Computed(c) = &node.prop {
                c.visit_with(self);
            }
            return;
        }
        node.visit_children_with(self);
    }

    fn visit_var_declarator(&mut self, node: &VarDeclarator) {
        if let (Pat::Object(pattern), Some(init)) = (&node.name, &node.init) {
            if self.is_wx(init) {
                for prop in &pattern.props {
                    match prop {
                        ObjectPatProp::KeyValue(kv) => match &kv.key {
                            PropName::Ident(name) => self.api(name.sym.to_string(), kv.key.span()),
                            PropName::Str(s) => {
                                self.api(s.value.to_string_lossy().into_owned(), s.span)
                            }
                            _ => {
                                let at = self.at(node.span);
                                self.usage.dynamic.push(at);
                            }
                        },
                        ObjectPatProp::Assign(a) => self.api(a.key.sym.to_string(), a.span),
                        ObjectPatProp::Rest(_) => {
                            let at = self.at(node.span);
                            self.usage.dynamic.push(at);
                        }
                    }
                }
                // The pattern's defaults may use wx too; `wx` as the initialiser is counted above.
                node.name.visit_with(self);
                return;
            }
        }
        node.visit_children_with(self);
    }

    fn visit_ident(&mut self, id: &Ident) {
        if id.ctxt == self.unresolved && GLOBALS.contains(&&*id.sym) {
            let at = self.at(id.span);
            self.usage
                .globals
                .entry(id.sym.to_string())
                .or_default()
                .push(at);
        }
    }
}
