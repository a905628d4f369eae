//! The lightningcss [`Visitor`] that applies the per-file rewrites: selectors, `rpx`
//! tokens, viewport units (the window's) and `url()`s.

use std::collections::BTreeSet;
use std::convert::Infallible;

use lightningcss::media_query::MediaList;
use lightningcss::properties::custom::TokenOrValue;
use lightningcss::selector::Selector;
use lightningcss::values::length::LengthValue;
use lightningcss::values::url::Url;
use lightningcss::visit_types;
use lightningcss::visitor::{Visit, VisitTypes, Visitor};

use super::rpx;
use super::selectors::SelectorRewriter;
use super::urls::{self, UrlContext};
use super::viewport;
use crate::source::Diagnostic;

/// Rewrites the rules parsed from one file (the root sheet or an imported one).
pub struct Rewriter<'a> {
    pub selectors: &'a SelectorRewriter,
    pub urls: UrlContext<'a>,
    pub assets: &'a mut BTreeSet<String>,
    pub diagnostics: &'a mut Vec<Diagnostic>,
}

impl<'i> Visitor<'i> for Rewriter<'_> {
    type Error = Infallible;

    fn visit_types(&self) -> VisitTypes {
        visit_types!(SELECTORS | TOKENS | URLS | LENGTHS | MEDIA_QUERIES)
    }

    fn visit_selector(&mut self, selector: &mut Selector<'i>) -> Result<(), Self::Error> {
        self.selectors.rewrite(selector);
        Ok(())
    }

    fn visit_token(&mut self, token: &mut TokenOrValue<'i>) -> Result<(), Self::Error> {
        match rpx::convert(token) {
            Some(converted) => {
                *token = converted;
                Ok(())
            }
            None if viewport::convert_token(token) => Ok(()),
            None => token.visit_children(self),
        }
    }

    fn visit_length(&mut self, length: &mut LengthValue) -> Result<(), Self::Error> {
        viewport::convert_length(length);
        Ok(())
    }

    /// Media queries measure the browser's viewport: their lengths stay as written.
    fn visit_media_list(&mut self, _media: &mut MediaList<'i>) -> Result<(), Self::Error> {
        Ok(())
    }

    fn visit_url(&mut self, url: &mut Url<'i>) -> Result<(), Self::Error> {
        urls::rewrite(url, &self.urls, self.assets, self.diagnostics);
        Ok(())
    }
}
