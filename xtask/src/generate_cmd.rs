//! `cargo xtask generate --input FILE ... --name NAME --out DIR`: a standalone crate from any
//! API documents a user brings.

use codegen::emit::EmitOptions;
use codegen::pipeline::generate_from_files;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// An API document (OpenAPI, Swagger, Postman); several are merged as one API.
    #[arg(long, short, value_name = "FILE", required = true)]
    input: Vec<PathBuf>,
    /// The crate's name.
    #[arg(long, value_parser = crate_name)]
    name: String,
    /// The folder to write the crate into.
    #[arg(long, short, value_name = "DIR")]
    out: PathBuf,
    /// Print every warning about the inputs.
    #[arg(long, short)]
    verbose: bool,
    /// Also emit the modules the generator's tests use (feature `round-trip`).
    #[arg(long)]
    test_support: bool,
    /// Replace files in --out that the generator did not write (a hand-written crate).
    #[arg(long)]
    force: bool,
}

pub fn run(args: Args) -> u8 {
    let Args { input: inputs, name, out, verbose, test_support, force } = args;
    let opts = EmitOptions { command: "cargo xtask generate".into(), standalone: true, test_support };
    match generate_from_files(&inputs, &name, &opts) {
        Ok(krate) => {
            eprintln!("{name}: {} operations, {} types", krate.api.operations.len(), krate.api.types.defs.len());
            super::print_diagnostics(&krate.diagnostics, verbose);
            let code = match super::write::write_crate(&out, &krate.files, super::write::Folder::Shared, force) {
                Ok(()) => {
                    eprintln!("wrote {}", out.display());
                    0
                }
                Err(e) => {
                    eprintln!("error: cannot write {}: {e}", out.display());
                    2
                }
            };
            // The process ends here: freeing the crate and its API piece by piece cost about
            // 25 ms on GitHub's description, the exit frees it at once.
            std::mem::forget(krate);
            code
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

fn crate_name(name: &str) -> Result<String, String> {
    match codegen::manifest::is_crate_name(name) {
        true => Ok(name.to_string()),
        false => Err(format!("`{name}` is not a valid crate name")),
    }
}
