// Package history reads the revision history of the site's content from git, with go-git and never
// the git binary, so that a build needs nothing but Go.
//
// # What it reads
//
// [Read] opens the repository that contains the site folder (searching parent folders, so the site may
// be a sub-folder of a larger repository) and walks the first-parent history from HEAD once, newest
// first. For every commit it compares, for each requested sub-folder (for example "content" and
// "quizzes"), the sub-folder's tree with the same tree in the commit's first parent. Equal tree hashes
// mean nothing under that sub-folder changed, so the commit costs one tree lookup per sub-folder; only
// commits that touched a sub-folder are diffed, and only their changed files are read. The cost is
// therefore linear in commits × changed files, and the whole history is read in one pass instead of one
// log walk per document.
//
// Merge commits are compared with their first parent only: what a merge brought in counts as one
// revision, dated by the merge, as a reader of the published site would have seen it.
//
// Only files present in HEAD are keyed: a document deleted before HEAD has no page, so it has no
// history either. Its revisions are reachable only when a file that is still present was renamed from
// it.
//
// # Renames
//
// Each tree comparison runs go-git's rename detection (exact renames, then renames by content
// similarity of at least 50%, git's own default), so a document that was moved or renamed keeps its
// earlier revisions under its current path; Version.Path tells where the file was at each commit.
// When two deleted files are equally similar to an added one, the tie is broken by path, the same
// way every time (go-git broke it by the order of a map; see renames.go).
// When a commit seems to add a tracked file and the sub-folder comparison finds no rename, the whole
// trees of the commit and its parent are compared once more with rename detection, so a file moved in
// from another sub-folder (quizzes to content) or from outside the site folder keeps its history too;
// while it lived outside the sub-folders it is followed path by path, and its Version.Path is
// relative to the site folder even then ("../drafts/policy.md" for a site in a sub-folder of the
// repository). Copies are not followed (`git log --follow` would follow a file copied and then
// edited back to the original): a copy is a new document.
//
// A file deleted and later added again at the same path keeps one history: the revision that deleted
// it has nil Data, and the revisions before it follow, as `git log -- path` shows them.
//
// # Commit messages
//
// The subject is the first line of the message; the body is the rest with the trailer block (the last
// paragraph, when every line of it is a "Key: value" trailer) removed. One trailer has a meaning here:
// "Effective: YYYY-MM-DD" records the date a revision takes effect, which for a policy can differ from
// the date it was committed. A malformed Effective date is not an error of Read: Commit.TrailerError
// says what is wrong, and the caller, who knows whether the commit is shown, decides.
//
// # What a commit changed
//
// Commit.Changes lists every path the commit changed anywhere in the repository (not only in the
// sub-folders), compared with its first parent, both sides of each, with the bytes of the files
// inside the sub-folders, and the same path in the parallel folders of a sub-folder as context
// (content/en/x.md beside a change of content/ja/x.md). It is what a caller needs to decide whether
// the commit's message may be shown, judged by the commit itself rather than by HEAD.
//
// A History holds the bytes of every version it read, which for a long history of long documents is
// the largest thing a build holds. A caller that has taken what it needs of them calls
// [History.Forget] to let them go; the History is then for nothing else.
//
// # Shallow clones
//
// A shallow clone (CI systems make them by default) lacks the oldest commits: the repository lists
// its boundary commits in .git/shallow, and their parents are missing. Read stops at the boundary
// without failing and sets History.Shallow. The boundary commit is then compared with an empty tree,
// so every file it holds appears to have been added by it: the earliest versions of a shallow
// history are not real first versions, and callers should say so.
//
// # Cache
//
// [ReadCached] returns exactly what Read returns (the same versions, paths, bytes, commits, and the
// same sharing: one *Commit per commit, one Data slice per blob) and keeps what the walk found, so
// that the next build reads one file and the blobs it names instead of walking history: no tree is
// read or compared, no rename looked for. The file holds no text of any version: the repository has
// every blob, compressed and deltified, and a blob is read from it once per hash (for GitHub's site
// policies the entry is 0.09 MB, 1.6% of .git/objects; holding every blob once, it was 16 MB).
//
// Where. The cache is in the folder "policysite" inside the repository's git directory (for a
// linked work tree, the git directory all work trees share; for a bare repository, the repository
// folder), never in the work tree: it holds every commit message and every path read, internal ones
// included, so it gets exactly the access rights of the git directory (the same
// permission bits, the setgid bit of a shared repository; files without execute bits) and must never
// be published or copied. [CacheDir] returns that folder. A folder that cannot be made or written,
// or a link or file in its place, means no cache: ReadCached is then Read.
//
// Entries. One file per HEAD, "history-<key>-<HEAD hash>.cache", holds the history (each blob's
// hash, once), the paths its walk saw, the full key and HEAD, and a CRC-32C of the whole. The key covers
// everything the result depends on besides the commits themselves: the site folder inside the
// repository, the sub-folders, the shallow list, and a hash of the package's semantics (the format
// version cacheFormat, this package's source, the History type, go-git's version). A file that is
// damaged, cut short, of another format, key or HEAD, or naming a blob the repository cannot give,
// is read as no entry and replaced; an entry is
// written to a temporary file that is then renamed, so a build running at the same time sees a whole
// file or none; and the encoded entry is decoded and compared with the history before it is kept.
// The four most recently used entries of each of the four most recently used keys are kept. A
// history read with a parent missing that the shallow list does not name is not kept (the parent
// may be fetched later, HEAD unchanged). Errors of the cache are never returned; errors of git are,
// as Read returns them.
//
// Incremental reads. When HEAD is not cached, the walk asks at each first parent whether that commit
// is. If it is, the walk has followed every HEAD file back to that commit, and walking on would repeat
// the walk that made the entry, which began with every file of that commit tracked under its own
// path, with other key names, provided that:
//
//   - the files followed back are exactly the files of the cached commit, each followed by one HEAD
//     file (a rename above it only renames the key), and
//   - a HEAD file added above it is at a path inside the sub-folders where no file existed in the
//     cached walk's history (else it may continue an older file deleted there).
//
// Then the cached versions and commits are spliced on, renamed to the HEAD keys. Otherwise (a file
// deleted above the cached commit, moved in from outside the sub-folders, added where a file was
// deleted before) the walk goes on, to an older cached commit or to the end, which is always right.
// A HEAD that does not descend from a cached one by first parents (an amended or rebased commit, a
// reset to a commit never cached) is walked in full, unless it meets an older cached commit on the
// way.
//
// # Files
//
// history.go holds the types and [Read]; repository.go finds the repository and the site folder in
// it; walk.go is the walk over first parents and the tree comparisons; renames.go the rename
// detection's tie-break; message.go the commit message and its trailers; cache.go and cachefile.go
// [ReadCached] and its file format.
package history
