//! WXS modules → JavaScript module factories. A `.wxs` file becomes `<path>.wxs.js`, whose
//! default export is `function (module, exports, require, getRegExp, getDate, $wxs, JSON) {…}`
//! (the WXS compiled by [`compile_wxs`](super::compile_wxs) to keep WeChat's meaning in strict
//! mode) with `.requires` mapping each `require("…")` path to the imported factory; inline
//! `<wxs>` code becomes the same function inside the template module. The runtime's
//! `$.wxs(factory)` (`runtime-shim/src/render/wxs.js`) runs a factory once and caches its
//! `module.exports`, as WeChat does.

use super::rewrite::{CompiledWxs, WxsRequire, FACTORY_PARAMS};
use crate::script::print::js_string as string;
use crate::source::relative_url;

/// Output path of the module compiled from `wxs` (`utils/a.wxs` → `utils/a.wxs.js`).
pub fn wxs_module_path(wxs: &str) -> String {
    format!("{wxs}.js")
}

/// `compiled` as the factory `name` in the module emitted at `out`: the import lines of the
/// factories it requires (named `prefix0`, `prefix1`, …), and the code that defines `name` and
/// its `requires` table. Both end with a newline.
pub fn factory_code(
    compiled: &CompiledWxs,
    out: &str,
    name: &str,
    prefix: &str,
) -> (String, String) {
    let (imports, table) = require_table(&compiled.requires, out, prefix);
    let imports: String = imports.iter().map(|line| format!("{line}\n")).collect();
    let function = format!("function ({FACTORY_PARAMS}) {{\n{}}}", compiled.body);
    (
        imports,
        format!("const {name} = {function};\n{name}.requires = {table};\n"),
    )
}

/// The import lines and the `requires` table of a factory emitted at `out` whose code
/// requires `requires` (missing files are left out: their `require` gives `undefined`);
/// `prefix` names the imported factories.
fn require_table(requires: &[WxsRequire], out: &str, prefix: &str) -> (Vec<String>, String) {
    let mut imports = Vec::new();
    let mut table = Vec::new();
    for require in requires {
        let Some(target) = &require.target else {
            continue;
        };
        let name = format!("{prefix}{}", imports.len());
        let url = relative_url(out, &wxs_module_path(target));
        imports.push(format!("import {name} from {};", string(&url)));
        table.push(format!("{}: {name}", string(&require.spec)));
    }
    (imports, format!("{{{}}}", table.join(", ")))
}

/// The JS module of the `.wxs` file `path`, compiled as `compiled`.
pub fn wxs_module(path: &str, compiled: &CompiledWxs) -> String {
    let (imports, factory) = factory_code(compiled, &wxs_module_path(path), "wxs", "r");
    format!(
        "// {path}, compiled by miniport: a WXS module factory, run once by the runtime's wxs().\n{imports}{factory}export default wxs;\n"
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::FileSet;
    use crate::wxs::compile_wxs;

    #[test]
    fn a_wxs_file_imports_the_factories_it_requires_and_skips_missing_ones() {
        let mut files = FileSet::new();
        files.insert("utils/a.wxs", "");
        files.insert("lib/b.wxs", "");
        let source =
            "var b = require('../lib/b.wxs'); var c = require('./c.wxs');\nmodule.exports = b;";
        let code = wxs_module(
            "utils/a.wxs",
            &compile_wxs("utils/a.wxs", source, 0, &files),
        );
        assert!(
            code.contains("import r0 from \"../lib/b.wxs.js\";\n"),
            "{code}"
        );
        assert!(
            code.contains("wxs.requires = {\"../lib/b.wxs\": r0};"),
            "{code}"
        );
        assert!(
            code.contains("const wxs = function (module, exports, require, getRegExp, getDate, $wxs, JSON) {\n"),
            "{code}"
        );
    }
}
