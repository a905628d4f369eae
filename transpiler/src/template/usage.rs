//! Which of WeChat's built-in components the templates use, and how often: counted on the
//! lowered tree of every `.wxml` file (template definitions included), for `report.json`.

use std::collections::BTreeMap;

use super::ir::Node;
use super::link::Program;
use crate::wechat::tags::is_builtin;

/// Each built-in tag written in the project's templates, with its number of elements.
pub fn builtins(program: &Program) -> BTreeMap<String, usize> {
    let mut counts = BTreeMap::new();
    for module in program.modules.values() {
        count(&module.root, &mut counts);
        for def in &module.templates {
            count(&def.children, &mut counts);
        }
    }
    counts
}

fn count(nodes: &[Node], counts: &mut BTreeMap<String, usize>) {
    for node in nodes {
        match node {
            Node::Element(el) => {
                if is_builtin(&el.tag) {
                    *counts.entry(el.tag.clone()).or_default() += 1;
                }
                count(&el.children, counts);
            }
            Node::If(chain) => {
                for branch in &chain.branches {
                    count(std::slice::from_ref(&branch.node), counts);
                }
            }
            Node::For(lp) => count(std::slice::from_ref(&lp.body), counts),
            Node::Fragment(children) => count(children, counts),
            Node::Text(_) | Node::Call(_) | Node::Include(_) => {}
        }
    }
}
