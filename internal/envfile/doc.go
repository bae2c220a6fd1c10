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
// itself would fail on it).
//
// # Other loaders
//
// Apps also load the file with node --env-file, the npm dotenv package or
// python-dotenv, which disagree with godotenv on escapes, '#', '$', lines
// of blanks, "KEY: v" lines and line breaks. loaders.go models the three in
// Go (tests hold the models to the real programs, see loadertest).
// LoaderNotes says, without values, where a file's lines are read
// differently by one of them and what to do.
//
// # Updating (Apply)
//
//   - Only the statements of keys being changed or removed are rewritten.
//     Comments, blank lines, order, "export " prefixes, inline comments, CRLF
//     line endings, a missing final newline, odd bytes and every other key
//     stay byte for byte. A byte order mark is dropped: godotenv cannot read
//     a file with one and Node and python-dotenv take it into the first
//     name, so without it every loader reads more, and none less. New keys
//     are added under a comment header per group ("# Plaid (added by
//     onboard)"), right after existing keys of the same group when there
//     are some and Node reads them there, else at the end; when the file
//     ends in lines Node would join with the next line into one name (only
//     blanks, an indented comment, "KEY: v"), the block goes above them.
//   - A key that occurs more than once (godotenv: the last one wins) has
//     every occurrence updated, or removed, so all loaders agree.
//   - Each value is written in the plainest form godotenv reads back exactly
//     (plain, 'single', "double" with \n only, 'single' around line breaks,
//     "double" with escapes, raw), and each choice is proven by parsing it
//     with godotenv first. A form the other loaders' models also read back
//     exactly is preferred; a value none carries to all of them (python-dotenv
//     expands ${NAME} in any quotes, Node deletes every CR) is written for
//     godotenv and named by LoaderNotes. A value no form round-trips in
//     godotenv is refused with ErrUnsafeValue. The whole new file is parsed too
//     (Diff with godotenv; Apply with the mirroring scanner, then godotenv
//     on the written file): if it would not yield exactly the intended
//     variables — for example because another line expands $NAME of a
//     changed key — nothing is written (ErrWouldChangeOther).
//   - The write is atomic: a temp file next to the target (".env.onboard-tmp-*"),
//     fsync, rename, fsync of the folder. A crash leaves the old file or the
//     new one, never a mix; the next run deletes stray temp files.
//   - A file that holds secrets is left with mode 0600 (SecretMode) whatever
//     its mode was, and the mode reported (Result.Mode) is the one read back
//     from disk. When run as root, an existing file keeps its owner. A
//     symlinked .env is updated at its target and stays a symlink.
//   - Before secrets go into a file, Inspect judges it: a symlink leading out
//     of the project, a file of another user, a file or folder others may
//     write, a file system that does not keep permissions. Each such
//     concern needs the person's consent (Policy.Consent), checked again
//     under the lock, so a link swapped after the consent is refused.
//   - The previous version is kept as "<name>.onboard-backup" (mode 0600), a
//     name of onboard's own, so a .env.backup of the user's is never
//     replaced.
//   - Writers are serialized by a lock on the folder itself (flock of its
//     descriptor): no lock file is created or left behind; the file is
//     re-read under the lock, so concurrent updates are never lost.
//   - After the rename the file is read back and compared with the plan; on
//     any difference the previous file (and backup) are put back and
//     ErrVerify is returned.
//   - When an error is returned the .env and its backup are as they were.
//     Errors wrap one sentinel (ErrUnreadable, ErrIsDirectory, ErrParse,
//     ErrNotWritable, ErrDiskFull, ErrUnsafeValue, ErrNeedsConsent,
//     ErrMountPoint, ...), say what to do, and never contain a value.
//
// All of the helper files match "<name>.*", which the .gitignore fix
// ignores while keeping "<name>.example" committable; the fix is planned
// whenever they would not be ignored, even when the .env itself is.
//
// # Git protection
//
// CheckGit asks git itself (rev-parse, check-ignore, ls-files, log) whether
// the file is ignored and by which rule, tracked, or in any commit; nothing
// of git's ignore logic is re-implemented. It also plans the fix (Fix), or
// says why none can be made (FixErr: a symlinked or folder .gitignore, a
// nested rule that wins). FixGitignore appends the missing lines to the
// repository's root .gitignore, checks again, and reports a rule that still
// defeats it; Untrack stops git tracking a committed .env. Git runs without a shell, with a timeout,
// GIT_TERMINAL_PROMPT=0 and LC_ALL=C.
package envfile
