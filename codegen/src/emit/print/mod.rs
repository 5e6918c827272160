//! The models file printed as text, without tokens, syn or prettyplease: its items have a
//! few regular shapes, so the text prettyplease would print for them is written directly
//! (on GitHub's description, building, parsing and printing their tokens was a third of
//! emitting). The layout pass and `calls::wrap` then run on it as before.
//!
//! The text is the one `format_gated` prints for the models: items grouped as
//! `Features::gate` and `Features::model_modules` group them, the marked items of each
//! module merged as `calls::merge` merges them. An item with a line prettyplease would break
//! is printed by prettyplease itself, at its indentation (`items` says which lines could
//! break). Debug builds check the whole file against the old path.
//!
//! The operations file is printed the same way ([`operations`], [`methods`]).

mod items;
mod methods;
pub mod operations;

use super::features::Features;
use crate::diag::Error;
use crate::model::{Api, Origin, Types};
use items::Out;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// The module docs, as prettyplease prints `//!` comments written in `quote!`.
const MODULE_DOCS: &str = "//! The request and response types of the API.
//!
//! Every struct keeps the fields the documents do not describe in its `extra` map, so
//! that nothing is lost on a round trip.
";

/// The models file as prettyplease prints it (before the layout); `None` where a `cfg`
/// line could break (the old path prints the file).
pub fn models(api: &Api, features: &Features) -> Result<Option<String>, Error> {
    let types = &api.types;
    let first_of = &features.alias_targets;
    let boxed = crate::surface::types::boxed_edges(types);
    // Each model's `cfg`, as `Features::gate` decides it: an alias adds its own to its target's.
    let cfgs = features.gated_types.clone();
    let mut top = Vec::new();
    let mut groups: BTreeMap<BTreeSet<usize>, Vec<usize>> = BTreeMap::new();
    for (i, cfg) in cfgs.into_iter().enumerate() {
        match cfg {
            Some(set) => groups.entry(set).or_default().push(i),
            None => top.push(i),
        }
    }
    let mut out = Out { text: String::with_capacity(types.defs.len() * 256), fits: true };
    out.text.push_str(MODULE_DOCS);
    let printer = Printer { api, types, first_of, boxed };
    printer.items(&top, 0, &mut out)?;
    let everywhere: HashSet<&str> = types.defs.iter().map(|d| d.name.as_str()).collect();
    let mut taken: BTreeSet<String> = ["models", "runtime"].iter().map(|n| n.to_string()).collect();
    for (set, members) in groups {
        let own: HashSet<&str> = members.iter().map(|i| types.defs[*i].name.as_str()).collect();
        let mut uses = false;
        for i in &members {
            items::names_used(types, *i, first_of, &printer.boxed, &mut |n| uses |= everywhere.contains(n) && !own.contains(n));
        }
        let module = features.model_module_name(&set, &types.defs[members[0]].name, &mut taken);
        let cfg = features.cfg_text(&set);
        // `cfg(any(...))` has breaks: prettyplease keeps it on one line only where it fits.
        if cfg.len() > 89 {
            return Ok(None);
        }
        for line in [&cfg, &format!("pub use {module}::*;"), &cfg, &format!("mod {module} {{")] {
            out.text.push_str(line);
            out.text.push('\n');
        }
        if uses {
            out.text.push_str("    use super::*;\n");
        }
        printer.items(&members, 4, &mut out)?;
        out.text.push_str("}\n");
    }
    Ok(Some(out.text))
}

struct Printer<'a> {
    api: &'a Api,
    types: &'a Types,
    first_of: &'a [Option<usize>],
    boxed: BTreeSet<(usize, usize)>,
}

impl Printer<'_> {
    /// The models of one module (or of the file's top) at `ind`, the marked ones of each
    /// macro where the first of them was (`calls::merge`).
    fn items(&self, members: &[usize], ind: usize, out: &mut Out) -> Result<(), Error> {
        let mut calls: Vec<(&str, Vec<usize>)> = Vec::new();
        let mut order: Vec<Result<usize, usize>> = Vec::new();
        for &i in members {
            let Some(call) = items::call_of(self.types, i, self.first_of) else {
                order.push(Ok(i));
                continue;
            };
            match calls.iter().position(|(c, _)| *c == call) {
                Some(at) => calls[at].1.push(i),
                None => {
                    order.push(Err(calls.len()));
                    calls.push((call, vec![i]));
                }
            }
        }
        for entry in order {
            match entry {
                Ok(i) => self.item(i, ind, out)?,
                Err(at) => calls[at].1.iter().try_for_each(|i| self.item(*i, ind, out))?,
            }
        }
        Ok(())
    }

    /// One model, printed here, else by prettyplease where a line of it would break.
    fn item(&self, i: usize, ind: usize, out: &mut Out) -> Result<(), Error> {
        let start = out.text.len();
        out.fits = true;
        items::print(self.types, i, self.first_of, &self.boxed, ind, out);
        if !out.fits {
            out.text.truncate(start);
            out.text.push_str(&self.by_prettyplease(i, ind)?);
        }
        Ok(())
    }

    /// prettyplease's text of model `i` at `ind` (0 or 4: inside a module, where it is
    /// printed so that its lines break as they would there).
    fn by_prettyplease(&self, i: usize, ind: usize) -> Result<String, Error> {
        let tokens = super::models::item_tokens(self.types, i, self.first_of, &self.boxed);
        let mut items = super::parse(self.api, tokens)?.items;
        super::calls::merge(&mut items);
        if ind == 0 {
            return Ok(prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items }));
        }
        let mut module: syn::ItemMod = syn::parse_quote!(mod m {});
        if let Some((_, content)) = &mut module.content {
            *content = items;
        }
        let text = prettyplease::unparse(&syn::File { shebang: None, attrs: Vec::new(), items: vec![syn::Item::Mod(module)] });
        // Without `mod m {` and `}`.
        let inner = text.strip_prefix("mod m {\n").and_then(|t| t.strip_suffix("}\n"));
        inner.map(str::to_string).ok_or_else(|| Error::at(&Origin::new(self.api.name.clone(), ""), None, "internal error: a model printed out of shape".to_string()))
    }
}
