#include "service/job_paths.h"

#include <filesystem>
#include <system_error>

#include "absl/strings/cord.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "core/strings.h"
#include "service/limits.h"

namespace wordloom::service {
namespace {

namespace fs = std::filesystem;

absl::Status Refused(std::string message) {
  absl::Status status = absl::InvalidArgumentError(std::move(message));
  status.SetPayload(kComprehendErrorPayload, absl::Cord("InvalidRequestException"));
  return status;
}

// True when `path` equals `root` or lies below it (both resolved).
bool Inside(const std::string& path, const std::string& root) {
  if (root == "/") return true;
  if (path.size() < root.size() || path.compare(0, root.size(), root) != 0) return false;
  return path.size() == root.size() || path[root.size()] == '/';
}

}  // namespace

absl::StatusOr<std::string> ResolvePath(const std::string& path) {
  std::error_code ec;
  fs::path absolute = fs::absolute(path, ec);
  if (!ec) absolute = fs::weakly_canonical(absolute, ec);
  if (ec) {
    return absl::InvalidArgumentError(
        absl::StrCat("\"", path, "\" cannot be resolved: ", ec.message()));
  }
  std::string resolved = absolute.string();
  while (resolved.size() > 1 && resolved.back() == '/') resolved.pop_back();
  return resolved;
}

absl::StatusOr<std::string> ConfinePath(std::string_view field, const std::string& path,
                                        const std::vector<std::string>& roots,
                                        std::string_view flag) {
  absl::StatusOr<std::string> resolved = ResolvePath(path);
  if (!resolved.ok()) return Refused(absl::StrCat(ToAbsl(field), ": ", resolved.status().message()));
  // weakly_canonical followed every link of the part that exists; a link
  // still on the path is one that points nowhere.
  std::error_code ec;
  for (fs::path p = *resolved; p.has_relative_path(); p = p.parent_path()) {
    if (fs::is_symlink(fs::symlink_status(p, ec))) {
      return Refused(absl::StrCat(ToAbsl(field), " \"", path, "\": ", p.string(),
                                  " is a symbolic link to nothing; job paths must exist or be "
                                  "plain new names"));
    }
  }
  std::vector<std::string> allowed;
  for (const std::string& root : roots) {
    absl::StatusOr<std::string> r = ResolvePath(root);
    if (!r.ok()) continue;
    if (Inside(*resolved, *r)) return *resolved;
    allowed.push_back(*r);
  }
  const std::string shown = *resolved == path ? "" : absl::StrCat(" (resolves to ", *resolved, ")");
  return Refused(absl::StrCat(
      ToAbsl(field), " \"", path, "\"", shown, " is outside the directories this server lets jobs ",
      "use: ", allowed.empty() ? std::string("none configured") : absl::StrJoin(allowed, ", "),
      "; the server's operator can add one with ", ToAbsl(flag)));
}

}  // namespace wordloom::service
