// Large zero-filled memory backed by transparent huge pages, and a
// std::vector allocator built on it.
//
// Big arrays that are filled once and read at random (hash tables, output
// matrices) gain twice from 2 MiB pages: a few hundred page faults fewer per
// megabyte, and far fewer TLB misses. HugePageAllocator also leaves new
// elements default-initialized, so `resize()` of a vector of numbers does
// not write zeros over memory the kernel hands out zeroed anyway: the pages
// are first touched by whoever fills them (in parallel, when threads do).
//
//   std::vector<double, HugePageAllocator<double>> values;
//   values.resize(n);  // no writes; pages fault in where values are set
//
// Stateless; thread-safe.
#ifndef WORDLOOM_CORE_HUGE_PAGES_H_
#define WORDLOOM_CORE_HUGE_PAGES_H_

#include <cstddef>
#include <new>
#include <type_traits>
#include <utility>

namespace wordloom {

// Allocations from this size on are mapped with MapHugePages().
inline constexpr size_t kHugePageThreshold = size_t{2} << 20;

// `bytes` of zero-filled memory aligned to 2 MiB and advised for huge pages
// (MADV_HUGEPAGE). Throws std::bad_alloc when the mapping fails, as
// ::operator new does. Release with UnmapHugePages(p, bytes).
void* MapHugePages(size_t bytes);
void UnmapHugePages(void* p, size_t bytes);

template <typename T>
class HugePageAllocator {
 public:
  using value_type = T;

  HugePageAllocator() = default;
  template <typename U>
  HugePageAllocator(const HugePageAllocator<U>&) {}  // NOLINT: rebinding is implicit

  T* allocate(size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes >= kHugePageThreshold) return static_cast<T*>(MapHugePages(bytes));
    return static_cast<T*>(::operator new(bytes, std::align_val_t{alignof(T)}));
  }
  void deallocate(T* p, size_t n) {
    const size_t bytes = n * sizeof(T);
    if (bytes >= kHugePageThreshold) {
      UnmapHugePages(p, bytes);
    } else {
      ::operator delete(p, std::align_val_t{alignof(T)});
    }
  }

  // Default-initializes (no zeroing for numbers); other construction as usual.
  template <typename U>
  void construct(U* p) noexcept(std::is_nothrow_default_constructible_v<U>) {
    ::new (static_cast<void*>(p)) U;
  }
  template <typename U, typename... Args>
  void construct(U* p, Args&&... args) {
    ::new (static_cast<void*>(p)) U(std::forward<Args>(args)...);
  }

  template <typename U>
  bool operator==(const HugePageAllocator<U>&) const { return true; }
};

}  // namespace wordloom

#endif  // WORDLOOM_CORE_HUGE_PAGES_H_
