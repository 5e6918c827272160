//! `cargo xtask generate --input FILE ... --name NAME --out DIR`: a standalone crate from any
//! API documents a user brings.

use codegen::emit::EmitOptions;
use codegen::drop_later::Spent;
use codegen::pipeline::generate_from_files_streamed;
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
    // Each file is staged as soon as it is made, while the others are still being made; a
    // folder that cannot be written to is reported after the diagnostics, as before.
    let stager = super::write::Stager::new(&out);
    // A file staged is not kept in memory (26 MB for GitHub's description).
    let on_file = |rel: &str, text: &str| stager.as_ref().is_ok_and(|stager| stager.stage(rel, text));
    // What inference no longer reads is kept, not freed: the process ends once the files are
    // written (see `end_process`), and freeing it took CPU from emit's two threads.
    match generate_from_files_streamed(&inputs, &name, &opts, &on_file, Spent::Kept(Vec::new())) {
        Ok(krate) => {
            eprintln!("{name}: {} operations, {} types", krate.api.operations.len(), krate.api.types.defs.len());
            super::print_diagnostics(&krate.diagnostics, verbose);
            let written = stager.and_then(|stager| stager.finish(&krate.files, super::write::Folder::Shared, force));
            let code = match written {
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
            end_process(code)
        }
        Err(e) => {
            eprintln!("{e}");
            2
        }
    }
}

/// Ends the process at once with `code`. A normal exit runs mimalloc's exit handler, which
/// walks every page of the heap to free what is still live (the crate, the API): 12-14 ms on
/// GitHub's description, for memory the system takes back anyway.
#[cfg(unix)]
fn end_process(code: u8) -> u8 {
    use std::io::Write;
    let _ = std::io::stdout().flush();
    let _ = std::io::stderr().flush();
    // SAFETY: ends this process; the files are written and closed, the standard streams
    // flushed, and no other exit handler of this process has anything left to do.
    unsafe { libc::_exit(i32::from(code)) }
}

#[cfg(not(unix))]
fn end_process(code: u8) -> u8 {
    code
}

fn crate_name(name: &str) -> Result<String, String> {
    match codegen::manifest::is_crate_name(name) {
        true => Ok(name.to_string()),
        false => Err(format!("`{name}` is not a valid crate name")),
    }
}
