//! miniport for JavaScript: `convert(files, options)` on the in-memory API, for browsers and
//! Node (the package in `pkg/`, built by `scripts/build-wasm`). Without threads, rayon runs
//! every unit on the calling thread.

use js_sys::{Array, Map, Object, Reflect, Uint8Array, JSON};
use miniport::{FileSet, Options, Target};
use wasm_bindgen::prelude::*;

/// Converts a mini-program. `files` maps each path (relative to the mini-program's folder)
/// to its content (`Uint8Array` or string), as a `Map` or a plain object; `options` may set
/// `target` (`"telegram"`, `"web"`, `"w3c"`), `minify`, `maxPageWidth` and `apiOverrides`.
/// Returns `{ files: Map<string, Uint8Array>, diagnostics, report, summary }`; throws when
/// nothing could be converted (no mini-program, no pages), with the located reason.
#[wasm_bindgen]
pub fn convert(files: JsValue, options: JsValue) -> Result<JsValue, JsError> {
    let input = file_set(&files)?;
    let options = read_options(&options)?;
    let conversion =
        miniport::convert(input, &options).map_err(|e| JsError::new(&e.to_string()))?;

    let out = Map::new();
    for (path, bytes) in &conversion.output.files {
        out.set(
            &JsValue::from_str(path),
            &Uint8Array::from(bytes.as_slice()),
        );
    }
    let result = Object::new();
    set(&result, "files", &out)?;
    set(
        &result,
        "diagnostics",
        &parse(&conversion.diagnostics_json())?,
    )?;
    let report = conversion.output.text("report.json").unwrap_or("null");
    set(&result, "report", &parse(report)?)?;
    let summary = serde_json::to_string(&conversion.summary).unwrap_or_else(|_| "null".into());
    set(&result, "summary", &parse(&summary)?)?;
    Ok(result.into())
}

/// miniport's version, as in `miniport --version`.
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn file_set(files: &JsValue) -> Result<FileSet, JsError> {
    let entries: Vec<(JsValue, JsValue)> = if let Some(map) = files.dyn_ref::<Map>() {
        let mut list = Vec::new();
        map.for_each(&mut |value, key| list.push((key, value)));
        list
    } else if files.is_object() {
        Object::entries(files.unchecked_ref::<Object>())
            .iter()
            .map(|pair| {
                let pair: Array = pair.unchecked_into();
                (pair.get(0), pair.get(1))
            })
            .collect()
    } else {
        return Err(JsError::new(
            "`files` must be a Map or an object of path → content",
        ));
    };
    let mut set = FileSet::new();
    for (key, value) in entries {
        let path = key
            .as_string()
            .ok_or_else(|| JsError::new("every key of `files` must be a path string"))?;
        let bytes = if let Some(text) = value.as_string() {
            text.into_bytes()
        } else if let Some(array) = value.dyn_ref::<Uint8Array>() {
            array.to_vec()
        } else {
            return Err(JsError::new(&format!(
                "`files[\"{path}\"]` must be a Uint8Array or a string"
            )));
        };
        // A path that leaves the folder is not part of it: ignored, as when reading a folder.
        set.insert(&path, bytes);
    }
    Ok(set)
}

fn read_options(options: &JsValue) -> Result<Options, JsError> {
    let mut out = Options::default();
    if options.is_undefined() || options.is_null() {
        return Ok(out);
    }
    let get =
        |key: &str| Reflect::get(options, &JsValue::from_str(key)).unwrap_or(JsValue::UNDEFINED);
    if let Some(target) = get("target").as_string() {
        out.target = match target.as_str() {
            "telegram" => Target::Telegram,
            "web" => Target::Web,
            "w3c" => Target::W3c,
            other => {
                return Err(JsError::new(&format!(
                    "unknown target `{other}`: use \"telegram\", \"web\" or \"w3c\""
                )))
            }
        };
    }
    if let Some(minify) = get("minify").as_bool() {
        out.minify = minify;
    }
    if let Some(width) = get("maxPageWidth").as_f64() {
        out.max_page_width = width.clamp(0.0, f64::from(u32::MAX)) as u32;
    }
    if let Some(module) = get("apiOverrides").as_string() {
        out.api_overrides = Some(module);
    }
    Ok(out)
}

fn set(object: &Object, key: &str, value: &JsValue) -> Result<(), JsError> {
    Reflect::set(object, &JsValue::from_str(key), value)
        .map(|_| ())
        .map_err(|_| JsError::new("cannot build the result object"))
}

fn parse(json: &str) -> Result<JsValue, JsError> {
    JSON::parse(json).map_err(|_| JsError::new("cannot read miniport's JSON"))
}
