//! ES module → CommonJS for the runtime's registry, with the interop WeChat's build (Babel)
//! gives: exports are live getters defined before the body runs (so cycles behave as in
//! CommonJS), a default import of a CommonJS module is its `module.exports`, named imports
//! read the required module's properties, `export * from` copies every name but `default`.

use std::collections::HashMap;

use swc_common::{SyntaxContext, DUMMY_SP};
use swc_ecma_ast::*;
use swc_ecma_utils::find_pat_ids;
use swc_ecma_visit::{VisitMut, VisitMutWith};

use super::build::{call, ident, member, str_lit};

/// Lowers `module` to the statements of a CommonJS module body.
pub fn lower(module: Module, top: SyntaxContext, unresolved: SyntaxContext) -> Vec<Stmt> {
    let mut lowering = Lowering {
        top,
        unresolved,
        vars: Vec::new(),
        prelude: Vec::new(),
        replace: HashMap::new(),
        getters: Vec::new(),
    };
    let mut body = Vec::new();
    for item in module.body {
        match item {
            ModuleItem::Stmt(stmt) => body.push(stmt),
            ModuleItem::ModuleDecl(decl) => lowering.decl(decl, &mut body),
        }
    }
    let mut out = vec![Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(Expr::Lit(Lit::Str(str_lit("use strict")))),
    })];
    let props = lowering
        .getters
        .drain(..)
        .map(|(name, value)| {
            let arrow = Expr::Arrow(ArrowExpr {
                body: Box::new(ArrowFunctionBody::Expr(Box::new(value))),
                ..Default::default()
            });
            PropOrSpread::Prop(Box::new(Prop::KeyValue(KeyValueProp {
                key: PropName::Str(str_lit(&name)),
                value: Box::new(arrow),
            })))
        })
        .collect();
    let object = Expr::Object(ObjectLit {
        span: DUMMY_SP,
        props,
    });
    let exports = Expr::Ident(ident("exports", unresolved));
    out.push(expr_stmt(call(
        lowering.helper("esm"),
        vec![exports, object],
    )));
    out.append(&mut lowering.prelude);
    out.extend(body);
    let mut replacer = Replace {
        map: &lowering.replace,
    };
    for stmt in &mut out {
        stmt.visit_mut_with(&mut replacer);
    }
    out
}

struct Lowering {
    top: SyntaxContext,
    unresolved: SyntaxContext,
    /// One variable per module requested, by specifier, in order of first request.
    vars: Vec<(String, Ident)>,
    /// `var __mp$N = require("…")` and interop variables, in source order.
    prelude: Vec<Stmt>,
    /// Imported bindings → the expression that reads them.
    replace: HashMap<Id, Expr>,
    /// Exported name → expression of its current value.
    getters: Vec<(String, Expr)>,
}

impl Lowering {
    fn helper(&self, name: &str) -> Expr {
        member(Expr::Ident(ident("require", self.unresolved)), name)
    }

    fn var(&mut self, name: String, init: Expr) -> Ident {
        let id = ident(&name, self.top);
        self.prelude.push(Stmt::Decl(Decl::Var(Box::new(VarDecl {
            kind: VarDeclKind::Var,
            decls: vec![VarDeclarator {
                span: DUMMY_SP,
                name: Pat::Ident(id.clone().into()),
                init: Some(Box::new(init)),
                definite: false,
            }],
            ..Default::default()
        }))));
        id
    }

    /// The variable holding `require(src)`, created at the first request of `src`.
    fn module_var(&mut self, src: &Str) -> Ident {
        let key = src.value.to_string_lossy().into_owned();
        if let Some((_, id)) = self.vars.iter().find(|(k, _)| *k == key) {
            return id.clone();
        }
        let n = self.vars.len();
        let require = Expr::Ident(ident("require", self.unresolved));
        let mut arg = src.clone();
        arg.raw = None;
        let id = self.var(
            format!("__mp${n}"),
            call(require, vec![Expr::Lit(Lit::Str(arg))]),
        );
        self.vars.push((key, id.clone()));
        id
    }

    /// `require.interop(m)`: `m` itself for an ES module, `{ default: m }` for CommonJS.
    fn interop(&mut self, module: &Ident) -> Expr {
        let name = format!("{}$d", module.sym);
        if let Some(found) = self.prelude_var(&name) {
            return member(Expr::Ident(found), "default");
        }
        let init = call(self.helper("interop"), vec![Expr::Ident(module.clone())]);
        member(Expr::Ident(self.var(name, init)), "default")
    }

    fn namespace(&mut self, module: &Ident) -> Expr {
        let name = format!("{}$ns", module.sym);
        if let Some(found) = self.prelude_var(&name) {
            return Expr::Ident(found);
        }
        let init = call(self.helper("namespace"), vec![Expr::Ident(module.clone())]);
        Expr::Ident(self.var(name, init))
    }

    fn prelude_var(&self, name: &str) -> Option<Ident> {
        self.prelude.iter().find_map(|stmt| match stmt {
            Stmt::Decl(Decl::Var(var)) => var.decls.iter().find_map(|d| match &d.name {
                Pat::Ident(b) if &*b.id.sym == name => Some(b.id.clone()),
                _ => None,
            }),
            _ => None,
        })
    }

    fn export_local(&mut self, name: String, id: &Ident) {
        self.getters.push((name, Expr::Ident(id.clone())));
    }

    fn decl(&mut self, decl: ModuleDecl, body: &mut Vec<Stmt>) {
        match decl {
            ModuleDecl::Import(import) if !import.type_only => {
                let module = self.module_var(&import.src);
                for spec in import.specifiers {
                    let (local, value) = match spec {
                        ImportSpecifier::Named(named) if named.is_type_only => continue,
                        ImportSpecifier::Named(named) => {
                            let imported = named
                                .imported
                                .as_ref()
                                .map_or_else(|| named.local.sym.to_string(), export_name);
                            let value = if imported == "default" {
                                self.interop(&module)
                            } else {
                                member(Expr::Ident(module.clone()), &imported)
                            };
                            (named.local, value)
                        }
                        ImportSpecifier::Default(d) => (d.local, self.interop(&module)),
                        ImportSpecifier::Namespace(ns) => (ns.local, self.namespace(&module)),
                    };
                    self.replace.insert(local.to_id(), value);
                }
            }
            ModuleDecl::Import(_) => {}
            ModuleDecl::ExportDecl(export) => {
                match &export.decl {
                    Decl::Var(var) => {
                        for id in find_pat_ids::<_, Ident>(&var.decls) {
                            self.export_local(id.sym.to_string(), &id);
                        }
                    }
                    Decl::Fn(f) => self.export_local(f.ident.sym.to_string(), &f.ident),
                    Decl::Class(c) => self.export_local(c.ident.sym.to_string(), &c.ident),
                    Decl::TsEnum(e) => self.export_local(e.id.sym.to_string(), &e.id),
                    Decl::TsModule(_)
                    | Decl::TsInterface(_)
                    | Decl::TsTypeAlias(_)
                    | Decl::Using(_) => {}
                }
                body.push(Stmt::Decl(export.decl));
            }
            ModuleDecl::ExportNamed(named) if named.type_only => {}
            ModuleDecl::ExportNamed(named) => {
                let module = named.src.as_deref().map(|src| self.module_var(src));
                for spec in named.specifiers {
                    match (spec, &module) {
                        (ExportSpecifier::Named(n), None) if !n.is_type_only => {
                            let exported = n.exported.as_ref().unwrap_or(&n.orig);
                            if let ModuleExportName::Ident(orig) = &n.orig {
                                self.export_local(export_name(exported), orig);
                            }
                        }
                        (ExportSpecifier::Named(n), Some(module)) if !n.is_type_only => {
                            let orig = export_name(&n.orig);
                            let exported = n
                                .exported
                                .as_ref()
                                .map_or_else(|| orig.clone(), export_name);
                            let value = if orig == "default" {
                                self.interop(module)
                            } else {
                                member(Expr::Ident(module.clone()), &orig)
                            };
                            self.getters.push((exported, value));
                        }
                        (ExportSpecifier::Namespace(ns), Some(module)) => {
                            let value = self.namespace(module);
                            self.getters.push((export_name(&ns.name), value));
                        }
                        _ => {}
                    }
                }
            }
            ModuleDecl::ExportAll(all) if !all.type_only => {
                let module = self.module_var(&all.src);
                let exports = Expr::Ident(ident("exports", self.unresolved));
                let copy = call(self.helper("reexport"), vec![exports, Expr::Ident(module)]);
                self.prelude.push(expr_stmt(copy));
            }
            ModuleDecl::ExportAll(_) => {}
            ModuleDecl::ExportDefaultDecl(d) => {
                let default_id = || ident("__mp$default", self.top);
                let stmt = match d.decl {
                    DefaultDecl::Fn(f) => {
                        let id = f.ident.unwrap_or_else(default_id);
                        self.export_local("default".into(), &id);
                        Decl::Fn(FnDecl {
                            ident: id,
                            declare: false,
                            function: f.function,
                        })
                    }
                    DefaultDecl::Class(c) => {
                        let id = c.ident.unwrap_or_else(default_id);
                        self.export_local("default".into(), &id);
                        Decl::Class(ClassDecl {
                            ident: id,
                            declare: false,
                            class: c.class,
                        })
                    }
                    DefaultDecl::TsInterfaceDecl(_) => return,
                };
                body.push(Stmt::Decl(stmt));
            }
            ModuleDecl::ExportDefaultExpr(e) => {
                let id = ident("__mp$default", self.top);
                self.export_local("default".into(), &id);
                body.push(var_stmt(id, *e.expr));
            }
            ModuleDecl::TsExportAssignment(a) => {
                let module = Expr::Ident(ident("module", self.unresolved));
                body.push(expr_stmt(assign(member(module, "exports"), *a.expr)));
            }
            ModuleDecl::TsImportEquals(_) | ModuleDecl::TsNamespaceExport(_) => {}
        }
    }
}

fn export_name(name: &ModuleExportName) -> String {
    match name {
        ModuleExportName::Ident(id) => id.sym.to_string(),
        ModuleExportName::Str(s) => s.value.to_string_lossy().into_owned(),
    }
}

fn expr_stmt(expr: Expr) -> Stmt {
    Stmt::Expr(ExprStmt {
        span: DUMMY_SP,
        expr: Box::new(expr),
    })
}

fn var_stmt(id: Ident, init: Expr) -> Stmt {
    Stmt::Decl(Decl::Var(Box::new(VarDecl {
        kind: VarDeclKind::Var,
        decls: vec![VarDeclarator {
            span: DUMMY_SP,
            name: Pat::Ident(id.into()),
            init: Some(Box::new(init)),
            definite: false,
        }],
        ..Default::default()
    })))
}

fn assign(target: Expr, value: Expr) -> Expr {
    let Expr::Member(target) = target else {
        return value;
    };
    Expr::Assign(AssignExpr {
        span: DUMMY_SP,
        op: AssignOp::Assign,
        left: AssignTarget::Simple(SimpleAssignTarget::Member(target)),
        right: Box::new(value),
    })
}

/// Rewrites every read of an imported binding to the expression that reads it.
struct Replace<'a> {
    map: &'a HashMap<Id, Expr>,
}

impl VisitMut for Replace<'_> {
    fn visit_mut_expr(&mut self, expr: &mut Expr) {
        if let Expr::Ident(id) = expr {
            if let Some(value) = self.map.get(&id.to_id()) {
                *expr = value.clone();
                return;
            }
        }
        expr.visit_mut_children_with(self);
    }

    fn visit_mut_callee(&mut self, callee: &mut Callee) {
        // `f()` of an imported `f` is called without a `this`, as `(0, m.f)()`.
        if let Callee::Expr(expr) = callee {
            if let Expr::Ident(id) = &**expr {
                if let Some(value @ Expr::Member(_)) = self.map.get(&id.to_id()) {
                    **expr = Expr::Seq(SeqExpr {
                        span: DUMMY_SP,
                        exprs: vec![
                            Box::new(Expr::Lit(Lit::Num(Number {
                                span: DUMMY_SP,
                                value: 0.0,
                                raw: None,
                            }))),
                            Box::new(value.clone()),
                        ],
                    });
                    return;
                }
            }
        }
        callee.visit_mut_children_with(self);
    }

    fn visit_mut_prop(&mut self, prop: &mut Prop) {
        if let Prop::Shorthand(id) = prop {
            if let Some(value) = self.map.get(&id.to_id()) {
                *prop = Prop::KeyValue(KeyValueProp {
                    key: PropName::Ident(IdentName::new(id.sym.clone(), id.span)),
                    value: Box::new(value.clone()),
                });
                return;
            }
        }
        prop.visit_mut_children_with(self);
    }
}
