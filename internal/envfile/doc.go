// Package envfile reads and updates .env files without losing anything the
// user wrote, and checks with git that the file cannot be committed.
//
// # Reading
//
// Values are read with the rules of github.com/joho/godotenv v1.5.1, the
// loader most Go apps use: Read returns what godotenv would load. The
// package's own scanner mirrors godotenv's parser to learn where each
// statement sits, and every read is cross-checked against godotenv itself.
// A line godotenv cannot parse is a *ParseError with its line number; a
// file that leads with a UTF-8 byte order mark is read past it (godotenv
// itself would fail on it) and the mark is kept.
//
// # Updating (Apply)
//
//   - Only the statements of keys being changed or removed are rewritten.
//     Comments, blank lines, order, "export " prefixes, inline comments, CRLF
//     line endings, a BOM, a missing final newline, odd bytes and every
//     other key stay byte for byte. New keys are added under a comment
//     header per group ("# Plaid (added by onboard)"), right after existing
//     keys of the same group when there are some.
//   - A key that occurs more than once (godotenv: the last one wins) has
//     every occurrence updated, or removed, so all loaders agree.
//   - Each value is written in the plainest form godotenv reads back exactly
//     (plain, 'single', "double" with escapes, raw), and each choice is
//     proven by parsing it with godotenv first. A value no form round-trips
//     is refused with ErrUnsafeValue. The whole new file is parsed too
//     (Diff with godotenv; Apply with the mirroring scanner, then godotenv
//     on the written file): if it would not yield exactly the intended
//     variables — for example because another line expands $NAME of a
//     changed key — nothing is written (ErrWouldChangeOther).
//   - The write is atomic: a temp file next to the target (".env.onboard-tmp-*"),
//     fsync, rename, fsync of the folder. A crash leaves the old file or the
//     new one, never a mix; the next run deletes stray temp files.
//   - A new file gets mode 0600; an existing file keeps its mode (so it is
//     never looser) and, when run as root, its owner. A symlinked .env is
//     updated at its target and stays a symlink.
//   - The previous version is kept as "<name>.backup" (mode 0600).
//   - Writers are serialized by a lock file "<name>.onboard-lock"; the file is
//     re-read under the lock, so concurrent updates are never lost.
//   - After the rename the file is read back and compared with the plan; on
//     any difference the previous file (and backup) are put back and
//     ErrVerify is returned.
//   - When an error is returned the .env and its backup are as they were
//     (only the lock file, which must never be deleted, may have appeared).
//     Errors wrap one sentinel (ErrUnreadable, ErrIsDirectory, ErrParse,
//     ErrNotWritable, ErrDiskFull, ErrUnsafeValue, ...), say what to do, and
//     never contain a value.
//
// All of the helper files match ".env.*", which the .gitignore fix ignores
// while keeping ".env.example" committable.
//
// # Git protection
//
// CheckGit asks git itself (rev-parse, check-ignore, ls-files, log) whether
// the file is ignored and by which rule, tracked, or in any commit; nothing
// of git's ignore logic is re-implemented. FixGitignore appends the missing
// lines to the repository's root .gitignore, checks again, and reports a
// rule that still defeats it. Git runs without a shell, with a timeout,
// GIT_TERMINAL_PROMPT=0 and LC_ALL=C.
package envfile
