//! `rpx` → `calc(N * var(--miniport-rpx))`, on the token lists lightningcss keeps for
//! values it cannot type (every value holding an `rpx` is one).

use lightningcss::properties::custom::{Function, Token, TokenList, TokenOrValue, Variable};
use lightningcss::values::ident::{DashedIdent, DashedIdentReference, Ident};

/// The custom property the runtime sets to one rpx (page width / 750).
pub const RPX_VARIABLE: &str = "--miniport-rpx";

/// The `calc()` that replaces `token` when it is an `rpx` dimension.
pub fn convert<'i>(token: &TokenOrValue<'i>) -> Option<TokenOrValue<'i>> {
    let TokenOrValue::Token(Token::Dimension {
        value,
        int_value,
        unit,
        has_sign,
    }) = token
    else {
        return None;
    };
    if !unit.eq_ignore_ascii_case("rpx") {
        return None;
    }
    let number = Token::Number {
        has_sign: *has_sign,
        value: *value,
        int_value: *int_value,
    };
    let variable = Variable {
        name: DashedIdentReference {
            ident: DashedIdent(RPX_VARIABLE.into()),
            from: None,
        },
        fallback: None,
    };
    Some(TokenOrValue::Function(Function {
        name: Ident("calc".into()),
        arguments: TokenList(vec![
            TokenOrValue::Token(number),
            TokenOrValue::Token(Token::WhiteSpace(" ".into())),
            TokenOrValue::Token(Token::Delim('*')),
            TokenOrValue::Token(Token::WhiteSpace(" ".into())),
            TokenOrValue::Var(variable),
        ]),
    }))
}

#[cfg(test)]
mod tests {
    use crate::style::testing::compile_app;

    #[test]
    fn rpx_in_a_plain_length_is_converted() {
        assert_eq!(
            compile_app(".a{width:10rpx}"),
            ".a{width:calc(10 * var(--miniport-rpx))}"
        );
    }

    #[test]
    fn rpx_inside_calc_is_converted() {
        assert_eq!(
            compile_app(".a{height:calc(100% - 20rpx)}"),
            ".a{height:calc(100% - calc(20 * var(--miniport-rpx)))}"
        );
    }

    #[test]
    fn rpx_in_shorthands_negatives_and_zero_is_converted() {
        assert_eq!(
            compile_app(".a{margin:0 -10rpx 0rpx 1.5RPX}"),
            ".a{margin:0 calc(-10 * var(--miniport-rpx)) calc(0 * var(--miniport-rpx)) calc(1.5 * var(--miniport-rpx))}"
        );
    }

    #[test]
    fn rpx_in_custom_properties_and_nested_functions_is_converted() {
        assert_eq!(
            compile_app(".a{--x:10rpx;transform:translate(max(5rpx,1px))}"),
            ".a{--x:calc(10 * var(--miniport-rpx));transform:translate(max(calc(5 * var(--miniport-rpx)),1px))}"
        );
    }

    #[test]
    fn other_units_are_left_alone() {
        assert_eq!(
            compile_app(".a{width:10px;margin:0 1em}"),
            ".a{width:10px;margin:0 1em}"
        );
    }
}
