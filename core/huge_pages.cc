#include "core/huge_pages.h"

#include <sys/mman.h>

#include <cstdint>

namespace wordloom {
namespace {

constexpr size_t kHugePage = size_t{2} << 20;

size_t RoundUp(size_t bytes) { return (bytes + kHugePage - 1) & ~(kHugePage - 1); }

}  // namespace

void* MapHugePages(size_t bytes) {
  // Over-map by one huge page, then cut off the unaligned head and the tail,
  // so the mapping starts on a 2 MiB boundary and munmap(p, bytes) frees it.
  const size_t size = RoundUp(bytes);
  void* raw =
      ::mmap(nullptr, size + kHugePage, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
  if (raw == MAP_FAILED) throw std::bad_alloc();
  const uintptr_t base = reinterpret_cast<uintptr_t>(raw);
  const uintptr_t aligned = (base + kHugePage - 1) & ~(kHugePage - 1);
  if (aligned > base) ::munmap(raw, aligned - base);
  const uintptr_t tail = aligned + size;
  if (base + size + kHugePage > tail) {
    ::munmap(reinterpret_cast<void*>(tail), base + size + kHugePage - tail);
  }
  void* p = reinterpret_cast<void*>(aligned);
  ::madvise(p, size, MADV_HUGEPAGE);  // a hint: without THP the pages are small
  return p;
}

void UnmapHugePages(void* p, size_t bytes) { ::munmap(p, RoundUp(bytes)); }

}  // namespace wordloom
