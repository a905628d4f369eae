//! A structure-aware generator of whole mini-programs for the `convert` fuzz targets: an
//! `app.json` with pages, a subpackage and components, WXML that imports, includes, loads WXS
//! and uses components, WXSS with `@import` and `url()`, scripts that `require`, and references
//! that are right, missing, or point out of the root. Driven by any source of [`Choices`]
//! (the in-repo harness's generator, or libFuzzer's bytes through `arbitrary`).

/// Where the generator's decisions come from.
pub trait Choices {
    /// A number in `0..n` (0 when `n` is 0).
    fn below(&mut self, n: usize) -> usize;
    /// A piece of free text to splice into a file whose extension is `ext`.
    fn text(&mut self, ext: &str) -> String;
}

/// A generated mini-program: (path, text) of each file.
#[derive(Debug, Clone, Default)]
pub struct App {
    pub files: Vec<(String, String)>,
}

impl App {
    fn add(&mut self, path: impl Into<String>, text: impl Into<String>) {
        self.files.push((path.into(), text.into()));
    }

    pub fn file_set(&self) -> miniport::FileSet {
        let mut set = miniport::FileSet::new();
        for (path, text) in &self.files {
            set.insert(path, text.as_bytes());
        }
        set
    }
}

fn pick<'a>(c: &mut impl Choices, items: &[&'a str]) -> &'a str {
    items[c.below(items.len())]
}

/// A reference from the file `from_dir` (its folder) to the root-relative `target`: absolute,
/// relative, missing, or escaping the root.
fn reference(c: &mut impl Choices, from_dir: &str, target: &str) -> String {
    let ups = "../".repeat(from_dir.split('/').filter(|s| !s.is_empty()).count());
    match c.below(9) {
        0..=2 => format!("/{target}"),
        3..=5 => format!("{ups}{target}"),
        6 => format!("{ups}../../{target}"),
        7 => format!("/{target}-missing"),
        _ => pick(
            c,
            &[
                "/../outside",
                "../../../../../etc/passwd",
                "C:\\x",
                "//host/x",
                "plugin://p/x",
                "",
                ".",
            ],
        )
        .to_string(),
    }
}

/// A generated app of 1 to 3 pages (one of them possibly in a subpackage) and up to 3
/// components, with shared WXML templates, a WXS module, a shared sheet and utility scripts.
pub fn generate(c: &mut impl Choices) -> App {
    let mut app = App::default();
    let pages: Vec<String> = (0..1 + c.below(3))
        .map(|i| {
            if i == 2 && c.below(2) == 0 {
                "sub/pages/p2/index".to_string()
            } else {
                format!("pages/p{i}/index")
            }
        })
        .collect();
    let components: Vec<String> = (0..c.below(4))
        .map(|i| format!("components/c{i}/index"))
        .collect();
    let main: Vec<String> = pages
        .iter()
        .filter(|p| !p.starts_with("sub/"))
        .map(|p| format!("\"{p}\""))
        .collect();
    let mut json = format!("{{\n  \"pages\": [{}]", main.join(", "));
    if pages.iter().any(|p| p.starts_with("sub/")) {
        json.push_str(
            ",\n  \"subPackages\": [{ \"root\": \"sub\", \"pages\": [\"pages/p2/index\"] }]",
        );
    }
    if c.below(2) == 0 && !components.is_empty() {
        let r = reference(c, "", &components[0]);
        json.push_str(&format!(",\n  \"usingComponents\": {{ \"g-c\": \"{r}\" }}"));
    }
    if c.below(3) == 0 {
        json.push_str(
            ",\n  \"window\": { \"navigationBarTitleText\": \"t\", \"backgroundColor\": \"#fff\" }",
        );
    }
    if c.below(4) == 0 {
        json.push_str(&format!(",\n  {}", c.text("json")));
    }
    json.push_str("\n}\n");
    app.add("app.json", json);
    app.add("app.js", script(c, "", "App"));
    app.add("app.wxss", sheet(c, ""));
    for page in &pages {
        unit(c, &mut app, page, &components, "Page");
    }
    for component in &components {
        unit(c, &mut app, component, &components, "Component");
    }
    app.add("templates/t.wxml", template(c, "templates", &[], 1));
    app.add("utils/m.wxs", wxs(c));
    app.add(
        "utils/u.js",
        "module.exports = { n: 1, f(x) { return x * 2; } };\n",
    );
    app.add(
        "utils/v.ts",
        "import { n } from './u';\nexport const v: number = n + 1;\n",
    );
    app.add("styles/s.wxss", sheet(c, "styles"));
    if c.below(4) == 0 {
        app.add("images/a.png", "\u{89}PNG\r\n");
    }
    app
}

fn dir(path: &str) -> &str {
    path.rsplit_once('/').map_or("", |(d, _)| d)
}

fn unit(c: &mut impl Choices, app: &mut App, path: &str, components: &[String], kind: &str) {
    let d = dir(path);
    let used: Vec<&String> = components
        .iter()
        .filter(|other| other.as_str() != path || c.below(4) == 0)
        .collect();
    let entries: Vec<String> = used
        .iter()
        .enumerate()
        .map(|(i, other)| format!("\"c-{i}\": \"{}\"", reference(c, d, other)))
        .collect();
    let component = if kind == "Component" {
        "\"component\": true, "
    } else {
        ""
    };
    app.add(
        format!("{path}.json"),
        format!(
            "{{ {component}\"usingComponents\": {{ {} }} }}\n",
            entries.join(", ")
        ),
    );
    let tags: Vec<String> = (0..used.len()).map(|i| format!("c-{i}")).collect();
    app.add(format!("{path}.wxml"), template(c, d, &tags, 3));
    app.add(format!("{path}.wxss"), sheet(c, d));
    let (ext, text) = if c.below(4) == 0 {
        ("ts", script(c, d, kind))
    } else {
        ("js", script(c, d, kind))
    };
    app.add(format!("{path}.{ext}"), text);
}

fn template(c: &mut impl Choices, d: &str, tags: &[String], depth: usize) -> String {
    let mut out = String::new();
    if c.below(2) == 0 {
        out.push_str(&format!(
            "<import src=\"{}\"/>\n",
            reference(c, d, "templates/t.wxml")
        ));
    }
    if c.below(2) == 0 {
        out.push_str(&format!(
            "<wxs src=\"{}\" module=\"m\"/>\n",
            reference(c, d, "utils/m.wxs")
        ));
    }
    if depth == 1 {
        out.push_str(
            "<template name=\"t\"><view class=\"t {{cls}}\">{{a}} {{m.f(b)}}</view></template>\n",
        );
    }
    for _ in 0..1 + c.below(4) {
        element(c, &mut out, d, tags, depth);
    }
    out
}

fn element(c: &mut impl Choices, out: &mut String, d: &str, tags: &[String], depth: usize) {
    match c.below(10) {
        0 => out.push_str(&format!("<include src=\"{}\"/>\n", reference(c, d, "templates/t.wxml"))),
        1 => out.push_str("<template is=\"{{x ? 't' : 'u'}}\" data=\"{{...item, a: 1}}\"/>\n"),
        2 if !tags.is_empty() => {
            let tag = &tags[c.below(tags.len())];
            out.push_str(&format!("<{tag} title=\"{{{{t}}}}\" bind:change=\"onChange\" class=\"k\">slot {{{{s}}}}</{tag}>\n"));
        }
        3 => out.push_str(&format!("<image src=\"{}\" mode=\"aspectFit\"/>\n", reference(c, d, "images/a.png"))),
        4 => out.push_str(&format!("<text>{}</text>\n", c.text("wxml"))),
        5 => out.push_str("<wxs module=\"w\">module.exports = { g: function (x) { return x + 1; } };</wxs><text>{{w.g(1)}}</text>\n"),
        _ => {
            let tag = pick(c, &["view", "scroll-view", "button", "block", "swiper", "navigator"]);
            let attr = pick(c, &["wx:if=\"{{a > 1}}\"", "wx:for=\"{{list}}\" wx:key=\"id\"", "hidden", "style=\"width: {{w}}rpx\"", "bindtap=\"go\" data-id=\"{{item.id}}\"", "url=\"/pages/p0/index?x=1\""]);
            out.push_str(&format!("<{tag} {attr}>"));
            if depth > 0 {
                for _ in 0..c.below(3) {
                    element(c, out, d, tags, depth - 1);
                }
            }
            out.push_str(&format!("{{{{item.name}}}}</{tag}>\n"));
        }
    }
}

fn sheet(c: &mut impl Choices, d: &str) -> String {
    let mut out = String::new();
    if c.below(2) == 0 {
        out.push_str(&format!(
            "@import \"{}\";\n",
            reference(c, d, "styles/s.wxss")
        ));
    }
    for _ in 0..1 + c.below(4) {
        let rule = match c.below(7) {
            0 => ".a { width: 750rpx; margin: 0 -10rpx calc(100% - 20rpx); }".to_string(),
            1 => "page, view > text { color: #333; }".to_string(),
            2 => ":host { display: block; } .x:not(.y) { padding: 1rpx; }".to_string(),
            3 => format!(
                ".b {{ background: url({}) no-repeat; }}",
                reference(c, d, "images/a.png")
            ),
            4 => "@media (min-width: 600px) { .c { font-size: 28rpx; } }".to_string(),
            5 => format!(".d {{ {} }}", c.text("wxss")),
            _ => "@keyframes k { from { opacity: 0 } to { opacity: 1 } } .e { animation: k 1s; }"
                .to_string(),
        };
        out.push_str(&rule);
        out.push('\n');
    }
    out
}

fn script(c: &mut impl Choices, d: &str, kind: &str) -> String {
    let mut out = String::new();
    if c.below(2) == 0 {
        out.push_str(&format!(
            "const u = require('{}');\n",
            reference(c, d, "utils/u.js")
        ));
    }
    if c.below(3) == 0 {
        out.push_str(&format!(
            "import {{ v }} from '{}';\n",
            reference(c, d, "utils/v")
        ));
    }
    let body = match kind {
        "App" => "onLaunch() { wx.getSystemInfoSync(); }".to_string(),
        "Component" => "properties: { title: String }, methods: { go() { this.triggerEvent('change', {}); } }".to_string(),
        _ => format!("data: {{ list: [{{ id: 1, name: 'a' }}], a: 2 }}, onLoad(q) {{ wx.setNavigationBarTitle({{ title: `${{q.x}}` }}); {} }}", c.text("js")),
    };
    out.push_str(&format!("{kind}({{ {body} }});\n"));
    out
}

fn wxs(c: &mut impl Choices) -> String {
    let extra = c.text("wxs");
    format!("var r = getRegExp('^a+$', 'g');\nfunction f(x) {{ {extra}; return r.test(x) ? x : String(x); }}\nmodule.exports = {{ f: f }};\n")
}
