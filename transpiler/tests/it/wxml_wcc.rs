//! Accept/reject decisions of our parser against WeChat's own `wcc` (npm
//! `miniprogram-compiler`, Linux binary), on tricky snippets and a sample of real templates.
//! Where we knowingly differ, the snippet is listed with the reason, and the test checks
//! that the difference is still the documented one.
//!
//! Comparing element structure would need the tree out of `wcc`'s generated JavaScript
//! (templates, `wx:if` and `wx:for` become separate functions); that is not done here.

use std::path::{Path, PathBuf};
use std::process::Command;

use miniport::Severity;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn wcc() -> Option<PathBuf> {
    let path = workspace().join("node_modules/miniprogram-compiler/bin/linux/wcc");
    if cfg!(all(target_os = "linux", target_arch = "x86_64")) && path.is_file() {
        make_executable(&path);
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none() || !cfg!(target_os = "linux"),
        "miniprogram-compiler is missing: run `npm ci` at the workspace root"
    );
    eprintln!("skipped: wcc is not available (run `npm ci` on Linux x86-64)");
    None
}

/// npm installs the package's binary without its executable bit.
fn make_executable(path: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        if let Ok(meta) = std::fs::metadata(path) {
            let mut permissions = meta.permissions();
            if permissions.mode() & 0o111 != 0o111 {
                permissions.set_mode(permissions.mode() | 0o755);
                let _ = std::fs::set_permissions(path, permissions);
            }
        }
    }
}

/// Whether `wcc` compiles `files` (relative to `dir`) with exit status 0.
fn wcc_accepts(wcc: &Path, dir: &Path, files: &[String]) -> bool {
    let output = Command::new(wcc)
        .arg("-d")
        .args(files)
        .current_dir(dir)
        .output()
        .expect("run wcc");
    output.status.success()
}

fn we_accept(source: &str) -> bool {
    let parsed = miniport::template::parse::parse("t.wxml", source);
    !parsed
        .diagnostics
        .iter()
        .any(|d| d.severity == Severity::Error)
}

/// Both accept, or both reject.
const AGREE: &[&str] = &[
    "<view class=\"x\" data-shopType=\"{{a < b}}\" bind:tap=\"t\" :disable-scroll=\"1\" class=\"y\"><text>hi &amp; {{ '}}' }}</text><input disabled/></view>",
    "<view>{{a<b}}</view>",
    "<view>a > b</view>",
    "<view>a < b</view>",
    "<view class=\"{{ \"a\" }}\"></view>",
    "<input>",
    "<view><input></view>",
    "<br>",
    "<view></text>",
    "<view>",
    "<view a=\"{{\"></view>",
    "<view>{{a</view>",
    "<view a = \"1\"></view>",
    "<view a= '1'></view>",
    "<view a></view>",
    "<view a=\"1\"b=\"2\"></view>",
    "<view></view >",
    "<view></ view>",
    "<view/ >",
    "<View></View>",
    "<view></View>",
    "<my.comp></my.comp>",
    "<my_comp></my_comp>",
    "<!-- c --><view/>",
    "<!-- c <view> -- x --><view/>",
    "<!DOCTYPE html><view/>",
    "<![CDATA[ x ]]><view/>",
    "<slot name=\"a\"><view>fb</view></slot>",
    "<view wx:if=\"{{a}}\"/><view wx:else=\"{{b}}\"/>",
    "<view a=\"{{a}}{{b}}\"/>",
    "<view a=\"x{{a}}y\"/>",
    "<view data-a-b_c.d=\"1\"/>",
    "<view 1a=\"1\"/>",
    "<view a=\"&quot;\"/>",
    "<view>{{}}</view>",
    "<view>}}</view>",
    "<view>{ {a} }</view>",
    "<view>{{ in }}</view>",
    "<view>{{ this.a }}</view>",
    "<view>{{ a.b(c, 'd')[0] }}</view>",
    "<view>{{ a ? b : c ? d : e }}</view>",
    "<view>{{ !a && -b || ~c }}</view>",
    "<view>{{ {a: 1, ...b} }}</view>",
    "<view>{{ [1, 2, a] }}</view>",
    "<view>{{ .5 + 1 }}</view>",
    "<view>{{ a = 1 }}</view>",
    "<view>{{ a++ }}</view>",
    "<view>{{ `x` }}</view>",
    "<view>{{ a ?. b }}</view>",
    "<view>{{ 'a' + \"b\" }}</view>",
    "<template is=\"x\" data=\"{{ ...a, b }}\"/>",
    "<template is=\"x\" data=\"{{ a: 1, b }}\"/>",
    "<template is=\"x\" data=\"{{ a }}\"/>",
    "<template is=\"x\" data=\"{{ a: {b: 1} }}\"/>",
    "<template name=\"t\"><view/></template><template is=\"t\"/>",
    "<block wx:for=\"{{list}}\" wx:for-item=\"it\" wx:key=\"id\"><view>{{it}}</view></block>",
    "<view><text/></view></view>",
    "<wxs module=\"m\">var a = 1;\nmodule.exports = { a: a };</wxs><view>{{m.a}}</view>",
    "<wxs module=\"m\">var a = 1 < 2;\nmodule.exports = { a: a };</wxs>",
    "<wxs module=\"m\">var a = '</view>';</wxs>",
];

/// We accept what `wcc` rejects.
const WE_ACCEPT_MORE: &[&str] = &[
    // `wcc` reads an unquoted value up to the next quote; we read it up to a blank or `>`.
    "<view><image src=http://x/a.png /></view>\n",
    "<view a=b c=\"1\"></view>",
];

/// JavaScript that our parser reads but reports as `wxml::not-in-wechat` (an error), as
/// `wcc` rejects it; both sides must reject.
const REJECTED_AS_NOT_IN_WECHAT: &[&str] = &[
    // `wcc` ends a binding at the first `}}`, even inside nested object braces.
    "<view>{{ {a: {b: 1}} }}</view>",
    "<view>{{ typeof a }}</view>",
    "<view>{{ 'a' in b }}</view>",
    "<view>{{ a instanceof b }}</view>",
    "<view>{{ void 0 }}</view>",
    "<view>{{ a ?? b }}</view>",
    "<view>{{ a >>> b }}</view>",
    "<view>{{ [1,,2] }}</view>",
    "<view>{{ [...a] }}</view>",
    "<view>{{ 0x1f }}</view>",
    "<view>{{ 1e3 }}</view>",
    // A brace-less object outside `<template data>`.
    "<view>{{ a: 1 }}</view>",
    // A line break inside a quoted value.
    "<view a=\"\nmulti\"/>",
];

/// `wcc` accepts what we reject (with an error that says why).
const WE_REJECT_MORE: &[&str] = &[
    // `wcc` takes `< view` as a tag; a `<` followed by a blank is text to us (and an error).
    "< view></view>",
];

fn decide(wcc: &Path, source: &str) -> (bool, bool) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::write(dir.path().join("t.wxml"), source).expect("write");
    (
        wcc_accepts(wcc, dir.path(), &["t.wxml".to_string()]),
        we_accept(source),
    )
}

#[test]
fn snippets_are_accepted_and_rejected_like_wcc() {
    let Some(wcc) = wcc() else { return };
    let mut wrong = Vec::new();
    for source in AGREE {
        let (theirs, ours) = decide(&wcc, source);
        if theirs != ours {
            wrong.push(format!("wcc {theirs}, ours {ours}: {source:?}"));
        }
    }
    for source in REJECTED_AS_NOT_IN_WECHAT {
        let decision = decide(&wcc, source);
        if decision != (false, false) {
            wrong.push(format!("expected both to reject: {decision:?} {source:?}"));
        }
        let parsed = miniport::template::parse::parse("t.wxml", source);
        if !parsed
            .diagnostics
            .iter()
            .any(|d| d.code == "wxml::not-in-wechat")
        {
            wrong.push(format!("expected wxml::not-in-wechat: {source:?}"));
        }
    }
    for source in WE_ACCEPT_MORE {
        let decision = decide(&wcc, source);
        if decision != (false, true) {
            wrong.push(format!(
                "expected only us to accept: {decision:?} {source:?}"
            ));
        }
    }
    for source in WE_REJECT_MORE {
        let decision = decide(&wcc, source);
        if decision != (true, false) {
            wrong.push(format!(
                "expected only wcc to accept: {decision:?} {source:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

fn files_under(dir: &Path, extension: &str) -> Vec<String> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for entry in std::fs::read_dir(&d).expect("read dir").flatten() {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == extension) {
                let relative = path.strip_prefix(dir).expect("under dir");
                files.push(relative.to_string_lossy().replace('\\', "/"));
            }
        }
    }
    files.sort();
    files
}

#[test]
fn sampled_library_templates_are_accepted_by_both() {
    let Some(wcc) = wcc() else { return };
    let mut checked = 0;
    for library in [
        "@vant/weapp/lib",
        "tdesign-miniprogram/miniprogram_dist",
        "weui-miniprogram/miniprogram_dist",
        "wux-weapp/packages",
    ] {
        let dir = workspace().join("node_modules").join(library);
        if !dir.is_dir() {
            assert!(std::env::var_os("CI").is_none(), "{library} is missing");
            continue;
        }
        let wxs = files_under(&dir, "wxs");
        // Every seventh template: a few dozen files across the four libraries.
        for file in files_under(&dir, "wxml").into_iter().step_by(7) {
            let source = std::fs::read_to_string(dir.join(&file)).expect("read");
            let mut args = vec![file.clone()];
            args.extend(wxs.iter().cloned());
            assert!(
                wcc_accepts(&wcc, &dir, &args),
                "wcc rejects {library}/{file}"
            );
            assert!(we_accept(&source), "we reject {library}/{file}");
            checked += 1;
        }
    }
    eprintln!("{checked} library templates accepted by both");
}
