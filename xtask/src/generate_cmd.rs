//! `cargo xtask generate --input FILE ... --name NAME --out DIR`: a standalone crate from any
//! API documents a user brings.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::PathBuf;

pub fn run(args: &[String]) -> u8 {
    let mut inputs = Vec::new();
    let mut name = None;
    let mut out = None;
    let mut verbose = false;
    let mut test_support = false;
    let mut force = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--input" | "-i" => match it.next() {
                Some(v) => inputs.push(PathBuf::from(v)),
                None => return usage("--input needs a file"),
            },
            "--name" => match it.next() {
                Some(v) => name = Some(v.clone()),
                None => return usage("--name needs a crate name"),
            },
            "--out" | "-o" => match it.next() {
                Some(v) => out = Some(PathBuf::from(v)),
                None => return usage("--out needs a folder"),
            },
            "--verbose" | "-v" => verbose = true,
            "--test-support" => test_support = true,
            // Replace files in --out that the generator did not write (a hand-written crate).
            "--force" => force = true,
            other => return usage(&format!("unknown argument `{other}`")),
        }
    }
    let (Some(name), Some(out)) = (name, out) else { return usage("--name and --out are required") };
    if inputs.is_empty() {
        return usage("give at least one --input");
    }
    if !codegen::manifest::is_crate_name(&name) {
        return usage(&format!("`{name}` is not a valid crate name"));
    }
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support };
    match generate_from_files(&inputs, &name, &opts) {
        Ok(krate) => {
            eprintln!("{name}: {} operations, {} types", krate.api.operations.len(), krate.api.types.defs.len());
            super::print_diagnostics(&krate.diagnostics, verbose);
            match super::write::write_crate(&out, &krate.files, super::write::Folder::Shared, force) {
                Ok(()) => {
                    eprintln!("wrote {}", out.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    2
                }
            }
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

fn usage(problem: &str) -> u8 {
    eprintln!("error: {problem}\n{}", super::USAGE);
    2
}
