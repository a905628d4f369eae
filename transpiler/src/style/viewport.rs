//! Viewport units as WeChat measures them: `vh`, `vw`, `vmin`, `vmax` (and their small,
//! large and dynamic forms, `vi`, `vb`) are the window's, the area between the navigation
//! bar and the tab bar, not the browser's. They become the container units of the runtime's
//! window (`cqh`, `cqw`, `cqmin`, `cqmax`, `cqi`, `cqb`), a size container
//! (`runtime-shim/src/base.css`, `.miniport-window`); outside a container a browser reads
//! them as the viewport's, as before. Media queries keep the viewport's units.

use lightningcss::properties::custom::{Token, TokenOrValue};
use lightningcss::values::length::LengthValue;

/// The window's unit for the viewport unit `unit` (any case), or `None`.
fn container_unit(unit: &str) -> Option<&'static str> {
    Some(match unit.to_ascii_lowercase().as_str() {
        "vh" | "svh" | "lvh" | "dvh" => "cqh",
        "vw" | "svw" | "lvw" | "dvw" => "cqw",
        "vmin" | "svmin" | "lvmin" | "dvmin" => "cqmin",
        "vmax" | "svmax" | "lvmax" | "dvmax" => "cqmax",
        "vi" | "svi" | "lvi" | "dvi" => "cqi",
        "vb" | "svb" | "lvb" | "dvb" => "cqb",
        _ => return None,
    })
}

/// A typed length in a viewport unit, measured against the window instead.
pub fn convert_length(length: &mut LengthValue) {
    use LengthValue as L;
    *length = match *length {
        L::Vh(v) | L::Svh(v) | L::Lvh(v) | L::Dvh(v) => L::Cqh(v),
        L::Vw(v) | L::Svw(v) | L::Lvw(v) | L::Dvw(v) => L::Cqw(v),
        L::Vmin(v) | L::Svmin(v) | L::Lvmin(v) | L::Dvmin(v) => L::Cqmin(v),
        L::Vmax(v) | L::Svmax(v) | L::Lvmax(v) | L::Dvmax(v) => L::Cqmax(v),
        L::Vi(v) | L::Svi(v) | L::Lvi(v) | L::Dvi(v) => L::Cqi(v),
        L::Vb(v) | L::Svb(v) | L::Lvb(v) | L::Dvb(v) => L::Cqb(v),
        _ => return,
    };
}

/// A dimension token in a viewport unit (in a value lightningcss keeps as tokens, such as one
/// that also holds `rpx`), measured against the window instead.
pub fn convert_token(token: &mut TokenOrValue<'_>) -> bool {
    if let TokenOrValue::Token(Token::Dimension { unit, .. }) = token {
        if let Some(to) = container_unit(unit) {
            *unit = to.into();
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use crate::style::testing::compile_app;

    #[test]
    fn viewport_units_are_the_windows() {
        assert_eq!(
            compile_app(
                ".a{height:100vh;width:50vw;min-height:calc(100vh - 10px);margin:1vmin 2vmax}"
            ),
            ".a{height:100cqh;width:50cqw;min-height:calc(100cqh - 10px);margin:1cqmin 2cqmax}"
        );
    }

    #[test]
    fn small_large_and_dynamic_forms_and_tokens_beside_rpx_follow() {
        assert_eq!(
            compile_app(".a{height:100dvh;top:calc(100svh - 20rpx);--h:100lvh}"),
            ".a{height:100cqh;top:calc(100cqh - calc(20 * var(--miniport-rpx)));--h:100cqh}"
        );
    }

    #[test]
    fn media_queries_keep_the_viewports_units() {
        assert_eq!(
            compile_app("@media (min-height:50vh){.a{height:10vh}}"),
            "@media (min-height:50vh){.a{height:10cqh}}"
        );
    }
}
