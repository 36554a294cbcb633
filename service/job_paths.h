// Which server paths jobs may read and write. A client names a job's input
// and output by path, so without a check it could make the server read any
// file the server can read (a training job over /etc/...) or write where it
// can write. Every job path is resolved — made absolute, symbolic links
// followed (realpath of the part that exists), "." and ".." removed — and
// must then lie inside one of the configured roots, resolved the same way:
// no "..", symlink or absolute path leads out of them. A symbolic link
// that points nowhere is refused (what it would create is not known yet).
//
// Free functions over immutable inputs; thread-safe.
#ifndef WORDLOOM_SERVICE_JOB_PATHS_H_
#define WORDLOOM_SERVICE_JOB_PATHS_H_

#include <string>
#include <string_view>
#include <vector>

#include "absl/status/statusor.h"

namespace wordloom::service {

// `path` (request field `field`) resolved, when it lies inside one of
// `roots` (or is one). Otherwise InvalidArgument (Comprehend's
// InvalidRequestException) naming the field, the path, what it resolves to
// and the allowed roots; `flag` names the server option that adds roots
// ("--job-input-root"). Paths need not exist (an output directory is
// created later); relative paths are relative to the working directory.
absl::StatusOr<std::string> ConfinePath(std::string_view field, const std::string& path,
                                        const std::vector<std::string>& roots,
                                        std::string_view flag);

// `path` made absolute with symbolic links followed as far as it exists,
// then lexically normalized (std::filesystem::weakly_canonical). I/O errors
// other than "does not exist" are InvalidArgument naming the path.
absl::StatusOr<std::string> ResolvePath(const std::string& path);

}  // namespace wordloom::service

#endif  // WORDLOOM_SERVICE_JOB_PATHS_H_
