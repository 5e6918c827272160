//! Swagger 2.0.

use super::Document;
use crate::diag::{Diagnostics, Error};
use crate::model::Source;

pub fn read(_doc: &Document, _diags: &mut Diagnostics) -> Result<Source, Error> {
    Ok(Source::default())
}
