//! Objects whose keys are data, not field names: e-mail addresses, ids, numbers, `prospect-*`.
//!
//! With one or two samples, struct or map cannot be told from shape alone, so the rules here
//! look at the keys themselves, and the manifest can settle any case (`[overrides.maps]`,
//! keyed by the type name the object would otherwise get).

use super::shape::{ObjectShape, Shape};
use crate::overrides::Lookup;

pub fn is_map(object: &ObjectShape, hint: &str, overrides: &Lookup<'_>) -> bool {
    if let Some(decided) = overrides.map(hint) {
        return decided;
    }
    if object.fields.is_empty() {
        // Only `additionalProperties` was declared: a map by definition.
        return object.additional.is_some();
    }
    if object.additional.as_ref().is_some_and(|a| a.kinds() > 0) && object.declared_order.is_empty() {
        return true;
    }
    let keys: Vec<&str> = object.fields.keys().map(|k| k.as_str()).collect();
    if keys.iter().all(|k| is_data_key(k)) {
        return true;
    }
    shared_dash_prefix(&keys)
}

/// A key that names a thing rather than a field: an e-mail, a number, a UUID, a long token.
pub fn is_data_key(key: &str) -> bool {
    let email = key.contains('@') && key.contains('.');
    let number = !key.is_empty() && key.chars().all(|c| c.is_ascii_digit());
    let uuid = key.len() == 36 && key.chars().all(|c| c.is_ascii_hexdigit() || c == '-') && key.matches('-').count() == 4;
    let url = key.starts_with("http://") || key.starts_with("https://");
    email || number || uuid || url
}

/// Three or more keys that all start with one prefix ending in `-` (`prospect-name`,
/// `prospect-email`, ...): an open set of custom attributes.
fn shared_dash_prefix(keys: &[&str]) -> bool {
    if keys.len() < 3 {
        return false;
    }
    let Some((prefix, _)) = keys[0].split_once('-') else { return false };
    keys.iter().all(|k| k.split_once('-').is_some_and(|(p, rest)| p == prefix && !rest.is_empty()))
}

/// The union of every value of a map-like object: what the map's value type must accept.
pub fn map_values(object: &ObjectShape) -> Shape {
    let mut values = Shape::default();
    for field in object.fields.values() {
        values.union(&field.shape);
    }
    if let Some(additional) = &object.additional {
        values.union(additional);
    }
    values
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::manifest::Overrides;
    use crate::model::Origin;
    use serde_json::json;

    fn object(v: serde_json::Value) -> ObjectShape {
        let mut s = Shape::default();
        s.observe(&v, &Origin::default());
        *s.object.unwrap()
    }

    #[test]
    fn email_keyed_objects_are_maps() {
        let o = object(json!({"joi+admin@crankwheel.com": {"sessions": 1}, "a@b.co": {"sessions": 2}}));
        assert!(is_map(&o, "UserStats", &Lookup::new(&Overrides::default())));
    }

    #[test]
    fn prospect_attributes_are_maps_but_plain_fields_are_not() {
        let o = object(json!({"prospect-name": "a", "prospect-email": "b", "prospect-phone": "c"}));
        assert!(is_map(&o, "ProspectInfo", &Lookup::new(&Overrides::default())));
        let o = object(json!({"name": "a", "email": "b", "phone-number": "c"}));
        assert!(!is_map(&o, "Person", &Lookup::new(&Overrides::default())));
    }

    #[test]
    fn the_manifest_decides_when_keys_cannot() {
        let o = object(json!({"plan_2": 1.0, "unset_or_custom": 0.5}));
        assert!(!is_map(&o, "PlansProRata", &Lookup::new(&Overrides::default())));
        let mut overrides = Overrides::default();
        overrides.maps.insert("PlansProRata".into(), true);
        assert!(is_map(&o, "PlansProRata", &Lookup::new(&overrides)));
    }
}
