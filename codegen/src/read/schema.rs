//! JSON Schema (Swagger 2.0 and OpenAPI 3.x dialects) into [`crate::model::Schema`].
