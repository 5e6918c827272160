//! Paginated lists: which methods get `into_stream`, and what it walks.

use super::calls::{success, Success};
use super::rust::field_names;
use crate::model::{Api, Field, Operation, Ty, TypeKind};

/// How a list envelope is paged. Field names are the Rust names of the envelope's fields.
pub struct Pagination {
    /// The field holding the page's items, and their type.
    pub items: String,
    pub item: Ty,
    /// The field holding the page metadata, and its `total` and page-size fields.
    pub meta: String,
    pub total: String,
    pub size: String,
    /// The query parameters that pick a page and its size.
    pub page_param: &'static str,
    pub size_param: &'static str,
    /// The index of the first page.
    pub first_page: i64,
}

/// Recognises the two envelopes of the bundled APIs: `{"items": [...], "metadata": {"limit",
/// "offset", "total"}}`, where `offset` is a page index from 0 (Outseta), and `{"data":
/// [...], "pagination": {"page", "page_size", "total"}}`, pages from 1 (CrankWheel).
pub fn pagination(api: &Api, op: &Operation) -> Option<Pagination> {
    let Success::Json { ty: Ty::Named(id), optional: false } = success(op) else { return None };
    let TypeKind::Struct(fields) = &api.types.get(id).kind else { return None };
    let plain = |f: &Field| !f.optional && !f.nullable;
    let styles: [(&str, &str, &str, &str, i64); 2] = [("items", "metadata", "offset", "limit", 0), ("data", "pagination", "page", "page_size", 1)];
    for (items, meta, page, size, first_page) in styles {
        let Some(list) = fields.iter().find(|f| f.name == items && plain(f)) else { continue };
        let Ty::List(item) = &list.ty else { continue };
        let Some(meta_field) = fields.iter().find(|f| f.name == meta && plain(f)) else { continue };
        let Ty::Named(meta_id) = meta_field.ty else { continue };
        let TypeKind::Struct(meta_fields) = &api.types.get(meta_id).kind else { continue };
        let int = |n: &str| meta_fields.iter().any(|f| f.name == n && plain(f) && f.ty == Ty::Integer);
        if !(int("total") && int(size) && int(page)) {
            continue;
        }
        return Some(Pagination {
            items: field_name(fields, items)?,
            item: (**item).clone(),
            meta: field_name(fields, meta)?,
            total: field_name(meta_fields, "total")?,
            size: field_name(meta_fields, size)?,
            page_param: page,
            size_param: size,
            first_page,
        });
    }
    None
}

/// The Rust name of the field with JSON name `json`.
fn field_name(fields: &[Field], json: &str) -> Option<String> {
    let (names, _) = field_names(fields);
    fields.iter().zip(names).find(|(f, _)| f.name == json).map(|(_, n)| n)
}
