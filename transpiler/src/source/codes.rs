//! The one catalog of diagnostic codes: every code miniport reports, with its severity and
//! what it means for the user. `docs/diagnostics.md` is generated from [`ALL`]
//! (`transpiler/tests/it/diagnostics_catalog.rs`, which also fails when a string shaped like a
//! code is written anywhere else in `transpiler/src`).
//!
//! A code is a [`Code`]: a `const` struct of name, severity and meaning, raised with
//! [`Diagnostic::of`](super::Diagnostic::of), which takes the severity from the entry. Why a
//! struct of constants and not an enum: a [`Diagnostic`](super::Diagnostic) keeps its code as
//! the plain `&'static str` it always had (report.json, `--format json` and the library's
//! users read that string), and the catalog is data that is rendered into a page, so a slice
//! of structs is the whole of it; an enum would need a `match` per attribute and a list of
//! its variants beside them. The entries are written once, in the `catalog!` list below,
//! which makes both the constants and [`ALL`], so the two cannot drift apart.
//!
//! Names are `<prefix>::<kebab-name>`; the prefix says where the problem is (`wxml::` a
//! template, `wxss::` a stylesheet, `script::` JavaScript, TypeScript, WXS or a JSON module,
//! `json::` a JSON config, `project::` the app's structure, `api::` a `wx.*` API, `cli::` the
//! command line). The prefixes predate the folders (`template/`, `style/`) and stay as they
//! are: users grep for them. A constant is named after its code, in capitals
//! (`wxss::missing-import` is [`WXSS_MISSING_IMPORT`]), and [`ALL`] is in order of name. The
//! prefixes are listed, with what each covers, in [`PREFIXES`].
//!
//! Severity: every code is raised with the severity written here, at every site; no code is
//! raised with more than one severity ([`Diagnostic::of`](super::Diagnostic::of) has no
//! severity argument). A code that ever needs another severity at one site should say so
//! here, in this paragraph.

use super::Severity;

/// One diagnostic code: its stable name, its severity, and a one-line meaning for users.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Code {
    /// The stable name, such as `wxss::missing-import`; users grep for it.
    pub name: &'static str,
    /// The severity the code is raised with.
    pub severity: Severity,
    /// What it means, in one line written for the user.
    pub meaning: &'static str,
}

impl Code {
    /// The part of the name before `::` (`wxss` for `wxss::missing-import`).
    pub fn prefix(&self) -> &'static str {
        self.name.split("::").next().unwrap_or(self.name)
    }
}

/// The prefixes of the codes, in order, each with what its codes are about (a heading of
/// `docs/diagnostics.md`).
pub const PREFIXES: &[(&str, &str)] = &[
    ("api", "`wx.*` APIs the app uses"),
    (
        "batch",
        "one app of a catalog (`miniport batch`): that app is recorded in the report and the others go on",
    ),
    (
        "cli",
        "the command line; each stops `miniport convert` with nothing written",
    ),
    (
        "json",
        "JSON configs: `app.json`, page and component JSON, `miniport.json`",
    ),
    (
        "project",
        "the app's structure: pages, components, tab bar, theme, files",
    ),
    ("script", "JavaScript, TypeScript, WXS and JSON modules"),
    ("wxml", "templates (`.wxml`)"),
    ("wxss", "stylesheets (`.wxss`, `.css`)"),
];

/// Makes one `pub const` per entry and [`ALL`], from one list.
macro_rules! catalog {
    ($($id:ident = $name:literal, $severity:ident, $meaning:literal;)*) => {
        $(
            #[doc = concat!("`", $name, "` (", stringify!($severity), "): ", $meaning)]
            pub const $id: Code = Code {
                name: $name,
                severity: Severity::$severity,
                meaning: $meaning,
            };
        )*
        /// Every code, in order of name.
        pub const ALL: &[Code] = &[$($id),*];
    };
}

catalog! {
    API_UNSUPPORTED = "api::unsupported", Warning,
        "The app uses a `wx` API that exists only inside WeChat; its calls fail at run time through `fail`/`complete` (warned once, at the first use).";

    BATCH_APP_PANICKED = "batch::app-panicked", Error,
        "Converting the app hit an internal error (a bug: please report it with the app); nothing was written for it and the other apps went on.";
    BATCH_APP_TIMEOUT = "batch::app-timeout", Error,
        "The app took longer than `--app-timeout` to convert; nothing was written for it and the other apps went on.";
    BATCH_ARCHIVE_ENTRY_ESCAPES = "batch::archive-entry-escapes", Error,
        "An entry of the app's archive has an absolute path or climbs out with `..`; it is neither read nor written.";
    BATCH_BAD_ARCHIVE = "batch::bad-archive", Error,
        "The app's archive cannot be read (corrupt, truncated, too large, or not a zip or tar.gz); nothing was written for it.";
    BATCH_BAD_LIST_LINE = "batch::bad-list-line", Error,
        "A line of a `.jsonl` catalog is not a JSON object with a `path` string (and an optional `name` string); it is skipped.";
    BATCH_DUPLICATE_APP = "batch::duplicate-app", Error,
        "Two entries of the catalog have the same name, so they would share an output folder; the second is skipped.";
    BATCH_MISSING_APP = "batch::missing-app", Error,
        "A path listed in the catalog file is neither a folder nor a `.zip`/`.tar.gz` archive.";

    CLI_BAD_API_FILE = "cli::bad-api-file", Error,
        "The file given to `--api` does not exist, is a folder, or is not UTF-8 text; nothing was written.";
    CLI_BAD_CATALOG = "cli::bad-catalog", Error,
        "The catalog given to `miniport batch` is neither a folder nor a readable list file, or the output folder is inside it; nothing was written.";
    CLI_BAD_EXTENDED_LIB = "cli::bad-extended-lib", Error,
        "The folder given to `--extended-lib` holds no `weui-miniprogram` package (the package folder, or a folder holding it); nothing was written.";
    CLI_BAD_OUTPUT = "cli::bad-output", Error,
        "The output folder was refused (inside the input, not a folder, or holding files miniport did not write); nothing was written.";
    CLI_BAD_REPORT = "cli::bad-report", Error,
        "`miniport report merge` was given a file that is not a batch `report.json`, or reports of runs with different options; nothing was written.";
    CLI_BAD_SHARD = "cli::bad-shard", Error,
        "`--shard` (or `JOB_COMPLETION_INDEX` with `MINIPORT_SHARD_COUNT`) is not `I/N` with 0 <= I < N; nothing was written.";
    CLI_INTERNAL = "cli::internal", Error,
        "miniport hit an internal error (a bug: please report it with the input); nothing was written.";
    CLI_NO_INPUT = "cli::no-input", Error,
        "The input is not a folder; nothing was written.";
    CLI_THREADS = "cli::threads", Error,
        "The worker threads (`--jobs`) could not be started; nothing was written.";
    CLI_UNREADABLE_INPUT = "cli::unreadable-input", Error,
        "The input folder could not be read; nothing was written.";
    CLI_WRITE_FAILED = "cli::write-failed", Error,
        "The output folder could not be written.";

    JSON_NOT_AN_OBJECT = "json::not-an-object", Error,
        "A JSON config file holds something other than a JSON object.";
    JSON_NOT_UTF8 = "json::not-utf8", Error,
        "A JSON config file is not UTF-8 text.";
    JSON_SYNTAX = "json::syntax", Error,
        "A JSON config file is not valid JSON (a fatal error when it is `app.json`).";
    JSON_UNKNOWN_KEY = "json::unknown-key", Warning,
        "`miniport.json` has a setting miniport does not know; it is ignored.";
    JSON_UNKNOWN_STYLE = "json::unknown-style", Warning,
        "`style` in `app.json` or a page's JSON is neither `\"v2\"` nor `\"default\"`; the built-ins get their old look.";
    JSON_WRONG_OPTION_TYPE = "json::wrong-option-type", Warning,
        "A window option (`app.json` `window`, a page's JSON) has the wrong type; it is ignored, as WeChat's tools warn and run.";
    JSON_WRONG_TYPE = "json::wrong-type", Error,
        "A field of a JSON config has the wrong type; the field is ignored.";

    PROJECT_BROKEN_LINK = "project::broken-link", Warning,
        "A symbolic link in the mini-program points at nothing; it is not read.";
    PROJECT_DUPLICATE_PAGE = "project::duplicate-page", Warning,
        "A page is listed twice in `app.json`; the second listing is ignored.";
    PROJECT_FILE_TOO_LARGE = "project::file-too-large", Error,
        "A source file is larger than the limit (8 MiB, or `maxFileSize` in miniport.json, or `--max-file-size`); it is left out.";
    PROJECT_INTERNAL_ERROR = "project::internal-error", Error,
        "Converting one file hit a miniport bug (please report it); that file is left out and the rest of the app is converted.";
    PROJECT_MISSING_ASSET = "project::missing-asset", Warning,
        "A tab bar icon named in `app.json` is not in the mini-program.";
    PROJECT_MISSING_COMPONENT = "project::missing-component", Error,
        "A `usingComponents` entry names a component that cannot be found.";
    PROJECT_MISSING_COMPONENT_FILE = "project::missing-component-file", Error,
        "A component has no `.wxml` or no `.js` file.";
    PROJECT_MISSING_CUSTOM_TAB_BAR = "project::missing-custom-tab-bar", Error,
        "`tabBar.custom` is on but the `custom-tab-bar` component does not exist.";
    PROJECT_MISSING_EXTENDED_LIB = "project::missing-extended-lib", Error,
        "`useExtendedLib` turns on weui, but `weui-miniprogram` is neither installed nor given with `--extended-lib`; the `mp-*` components are missing.";
    PROJECT_MISSING_PAGE = "project::missing-page", Error,
        "A page listed in `app.json` has no `.wxml` or no `.js` file.";
    PROJECT_MISSING_ROOT = "project::missing-root", Warning,
        "`miniprogramRoot` in `project.config.json` names a folder that holds no files; the folder with `app.json` is used.";
    PROJECT_MISSING_THEME = "project::missing-theme", Error,
        "`darkmode` is on but the theme file (`theme.json`, or the one `themeLocation` names) does not exist.";
    PROJECT_NO_PAGES = "project::no-pages", Error,
        "`app.json` lists no pages; nothing was written.";
    PROJECT_NOT_A_COMPONENT = "project::not-a-component", Warning,
        "A JSON file used as a component lacks `\"component\": true`.";
    PROJECT_NOT_FOUND = "project::not-found", Error,
        "The folder holds no mini-program (no `app.json`, no component JSON); nothing was written.";
    PROJECT_NOT_UTF8 = "project::not-utf8", Error,
        "A template, WXS module or script is not UTF-8 text; it is left out as WeChat's compiler rejects it.";
    PROJECT_NPM_NO_PACKAGE_JSON = "project::npm-no-package-json", Error,
        "A `packNpmRelationList` entry of `project.config.json` names a `package.json` that does not exist; it is not built.";
    PROJECT_NPM_NOT_INSTALLED = "project::npm-not-installed", Error,
        "A dependency in `package.json` is not in `node_modules`, and a component or a `require` of the app uses it: run `npm install`.";
    PROJECT_NPM_UNUSED_NOT_INSTALLED = "project::npm-unused-not-installed", Warning,
        "A dependency in `package.json` is not in `node_modules`, and nothing the app reaches uses it; the app converts.";
    PROJECT_PATH_ESCAPES_ROOT = "project::path-escapes-root", Error,
        "A page, component, link, `themeLocation` or `miniprogramRoot` points outside the mini-program; it is not read.";
    PROJECT_PLUGIN_UNSUPPORTED = "project::plugin-unsupported", Warning,
        "A component comes from a WeChat plugin, which miniport cannot carry over.";
    PROJECT_SYMLINKED_FOLDER = "project::symlinked-folder", Warning,
        "A symbolic link in the mini-program points at a folder; its files are not read.";
    PROJECT_TAB_BAR_SIZE = "project::tab-bar-size", Warning,
        "`tabBar.list` does not have the 2 to 5 items WeChat requires.";
    PROJECT_TAB_PAGE_IN_SUBPACKAGE = "project::tab-page-in-subpackage", Error,
        "A tab points at a page of a subpackage; tab pages must be in the main package.";
    PROJECT_UNKNOWN_ENTRY_PAGE = "project::unknown-entry-page", Error,
        "`entryPagePath` names a route that is not a page; the first page is used instead.";
    PROJECT_UNKNOWN_TAB_PAGE = "project::unknown-tab-page", Error,
        "A tab points at a route that is not a page.";
    PROJECT_UNKNOWN_THEME_VARIABLE = "project::unknown-theme-variable", Warning,
        "A `@name` theme variable is not defined in the light or dark table of the theme file.";
    PROJECT_UNREADABLE = "project::unreadable", Error,
        "A file of the mini-program could not be read; it is left out.";

    SCRIPT_CROSS_PACKAGE_REQUIRE = "script::cross-package-require", Error,
        "A plain `require()` names a module of another subpackage, which is not loaded yet when it runs (use `require.async`).";
    SCRIPT_DYNAMIC_REQUIRE = "script::dynamic-require", Warning,
        "A `require()` of a computed path; it is resolved only at run time.";
    SCRIPT_MISSING_PACKAGE = "script::missing-package", Warning,
        "A component library requires an npm package it does not contain; the app that uses the library must provide it.";
    SCRIPT_PATH_ESCAPES_ROOT = "script::path-escapes-root", Error,
        "A `require()` (in JavaScript or WXS) names a file outside the mini-program.";
    SCRIPT_PLUGIN_UNSUPPORTED = "script::plugin-unsupported", Warning,
        "`requirePlugin` loads a WeChat plugin, which miniport cannot carry over; it fails at run time.";
    SCRIPT_REQUIRE_WXS = "script::require-wxs", Error,
        "JavaScript `require()`s a `.wxs` module, which only templates can load.";
    SCRIPT_SYNTAX_ERROR = "script::syntax-error", Error,
        "A script, WXS module or JSON module has a syntax error; requiring it throws that error.";
    SCRIPT_TOO_DEEP = "script::too-deep", Error,
        "A script or WXS module nests more than 2,000 levels deep (a chain of operators counts one per operator); requiring it throws.";
    SCRIPT_UNRESOLVED_REQUIRE = "script::unresolved-require", Error,
        "A `require()` (in JavaScript or WXS) names a file that is not in the mini-program.";
    SCRIPT_WORKER_REQUIRE_OUTSIDE = "script::worker-require-outside", Error,
        "A worker script requires a module outside the workers folder, which is all a worker loads.";
    SCRIPT_WXS_NOT_ES5 = "script::wxs-not-es5", Error,
        "WXS code uses syntax newer than ES5 (`let`, `const`, arrow functions, template strings, …), which WeChat rejects.";
    SCRIPT_WXS_REQUIRE = "script::wxs-require", Error,
        "WXS `require()`s something that is not a `.wxs` file.";

    WXML_BAD_ATTRIBUTE = "wxml::bad-attribute", Error,
        "An attribute is malformed (no value after `=`, an unclosed quote, a stray `/`, or not an attribute name); it is skipped.";
    WXML_BAD_END_TAG = "wxml::bad-end-tag", Error,
        "An end tag is malformed or has no `>`.";
    WXML_BAD_EXPRESSION = "wxml::bad-expression", Error,
        "A `{{ }}` binding holds an expression that cannot be parsed.";
    WXML_BAD_TAG = "wxml::bad-tag", Error,
        "`<!` starts something other than a comment (WXML has no DOCTYPE or CDATA); it is skipped.";
    WXML_DUPLICATE_ATTRIBUTE = "wxml::duplicate-attribute", Warning,
        "An element sets the same attribute more than once; the last one wins, as in WeChat.";
    WXML_ELSE_WITH_FOR = "wxml::else-with-for", Error,
        "`wx:else` or `wx:elif` is on an element with `wx:for`, which WeChat refuses.";
    WXML_MISMATCHED_END_TAG = "wxml::mismatched-end-tag", Error,
        "An end tag does not match the open element (a misspelling); it closes that element.";
    WXML_MISSING_IMPORT = "wxml::missing-import", Error,
        "`<import src>` names a template file that is not in the mini-program.";
    WXML_MISSING_INCLUDE = "wxml::missing-include", Error,
        "`<include src>` names a template file that is not in the mini-program.";
    WXML_MISSING_SRC = "wxml::missing-src", Error,
        "An `<import>` or `<include>` has no `src`, or an empty or dynamic one (so has a `<wxs src>`); the element is left out.";
    WXML_MISSING_WXS = "wxml::missing-wxs", Error,
        "`<wxs src>` names a WXS file that is not in the mini-program.";
    WXML_MODEL_NOT_A_PATH = "wxml::model-not-a-path", Warning,
        "A `model:` binding is not a data path, so the input cannot write back to it.";
    WXML_NOT_IN_WECHAT = "wxml::not-in-wechat", Error,
        "A binding or value uses something WeChat's template compiler rejects; the page renders it with JavaScript's meaning.";
    WXML_PATH_OUTSIDE_ROOT = "wxml::path-outside-root", Error,
        "An `<import>`, `<include>` or `<wxs>` `src` points outside the mini-program.";
    WXML_SERVICE_TAG = "wxml::service-tag", Warning,
        "A built-in that only WeChat's services can fill (`ad`, `ad-custom`, `official-account`, VoIP, Channels) renders nothing.";
    WXML_SKYLINE_TAG = "wxml::skyline-tag", Warning,
        "A tag of WeChat's Skyline renderer is drawn with the nearest web layout; gestures and worklets work only where the web has them.";
    WXML_STRAY_ELSE = "wxml::stray-else", Error,
        "`wx:elif` or `wx:else` does not follow an element with `wx:if` or `wx:elif`.";
    WXML_STRAY_END_TAG = "wxml::stray-end-tag", Error,
        "An end tag closes no open element.";
    WXML_TEMPLATE_WITHOUT_NAME = "wxml::template-without-name", Warning,
        "A `<template>` has neither `name` nor `is`.";
    WXML_TOO_DEEP = "wxml::too-deep", Error,
        "Elements are nested more than 512 deep; deeper children become siblings.";
    WXML_UNCLOSED_TAG = "wxml::unclosed-tag", Error,
        "An element is never closed, or not before its parent's end tag.";
    WXML_UNESCAPED_LESS_THAN = "wxml::unescaped-less-than", Error,
        "A `<` in text does not start a tag; it is kept as text (write `&lt;`).";
    WXML_UNKNOWN_TAG = "wxml::unknown-tag", Warning,
        "A tag is neither a built-in component nor listed in `usingComponents`.";
    WXML_UNKNOWN_TEMPLATE = "wxml::unknown-template", Warning,
        "`<template is>` names a template that is not defined or imported in that file.";
    WXML_UNTERMINATED_COMMENT = "wxml::unterminated-comment", Warning,
        "A `<!--` comment is never closed; the rest of the file is inside it.";
    WXML_UNTERMINATED_MUSTACHE = "wxml::unterminated-mustache", Error,
        "A `{{` is never closed by `}}`; the text is kept as written.";
    WXML_UNTERMINATED_TAG = "wxml::unterminated-tag", Error,
        "A start tag has no `>`.";
    WXML_WXS_WITHOUT_MODULE = "wxml::wxs-without-module", Error,
        "A `<wxs>` has no `module` name; it is left out.";

    WXSS_COMPILER_PLUGIN_OFF = "wxss::compiler-plugin-off", Error,
        "A Less or Sass stylesheet is used while its compiler plugin is off; it is left out.";
    WXSS_IMPORT_CYCLE = "wxss::import-cycle", Warning,
        "`@import`s form a cycle; the `@import` that closes it is ignored.";
    WXSS_INVALID_CSS = "wxss::invalid-css", Warning,
        "Part of a stylesheet cannot be parsed; that part is left out and the rest is kept.";
    WXSS_INVALID_MEDIA_QUERY = "wxss::invalid-media-query", Warning,
        "A media query cannot be parsed (it may use rpx, which media queries cannot); it is left out.";
    WXSS_INVALID_SELECTOR = "wxss::invalid-selector", Warning,
        "A selector cannot be parsed; its whole rule is left out.";
    WXSS_LATE_IMPORT = "wxss::late-import", Warning,
        "An `@import` stands where it cannot be inlined (inside a block); it is left out. At the top level, after rules, it is inlined where it stands, as `wcsc` does.";
    WXSS_MISSING_ASSET = "wxss::missing-asset", Warning,
        "A `url()` names a file that is not in the mini-program.";
    WXSS_MISSING_FILE = "wxss::missing-file", Error,
        "A stylesheet of the app, a page or a component is not in the mini-program or is not UTF-8 text; it is left out.";
    WXSS_MISSING_IMPORT = "wxss::missing-import", Error,
        "An `@import` names a stylesheet that is not in the mini-program.";
    WXSS_PATH_ESCAPES_ROOT = "wxss::path-escapes-root", Error,
        "A `url()` or `@import` points outside the mini-program.";
    WXSS_PREPROCESSOR_ERROR = "wxss::preprocessor-error", Error,
        "A Less or Sass stylesheet does not compile; it is left out.";
    WXSS_PRINT_FAILED = "wxss::print-failed", Error,
        "A stylesheet could not be printed (a miniport bug: please report it); it is left out.";
    WXSS_STRAY_BRACE = "wxss::stray-brace", Error,
        "A `}` closes no block (`wcsc` rejects the sheet); it is ignored and the rest of the sheet is kept.";
    WXSS_TOO_DEEP = "wxss::too-deep", Error,
        "A stylesheet nests blocks over 100 deep, brackets over 256, or its `@import` conditions over 20; the sheet or import is left out.";
    WXSS_UNCLOSED_BLOCK = "wxss::unclosed-block", Error,
        "A block is never closed, or a rule is nested in one (`wcsc` rejects it); the block is closed before the rule where that is certain.";
    WXSS_UNEXPECTED_TOKEN = "wxss::unexpected-token", Error,
        "A `{` with no selector, a declaration outside any rule or a `;` with no declaration (`wcsc` rejects the sheet); CSS drops it.";
    WXSS_UNKNOWN_AT_RULE = "wxss::unknown-at-rule", Warning,
        "An at-rule is unknown or malformed; it is copied as written.";
    WXSS_UNPARSEABLE = "wxss::unparseable", Error,
        "A stylesheet cannot be parsed as CSS at all; it is left out.";
    WXSS_UNSUPPORTED_AT_RULE = "wxss::unsupported-at-rule", Error,
        "An at-rule ending with `;` other than `@import` or `@charset` at the top level (`wcsc` rejects the sheet); it is kept as CSS reads it.";
}
