//! OpenAPI 3.0 and 3.1.

use super::Document;
use crate::diag::{Diagnostics, Error};
use crate::model::{Format, Source};

pub fn read(_doc: &Document, _format: Format, _diags: &mut Diagnostics) -> Result<Source, Error> {
    Ok(Source::default())
}
