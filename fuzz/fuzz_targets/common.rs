//! What every target shares: bytes -> text the way `pipeline::read_file` does it.

/// The input as text. Like the pipeline, bytes that are not UTF-8 are not an API document;
/// the fuzzer's mutations mostly keep text valid, so nothing is lost by skipping them.
pub fn text(data: &[u8]) -> Option<&str> {
    std::str::from_utf8(data).ok()
}
