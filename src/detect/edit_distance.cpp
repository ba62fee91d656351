#include "detect/edit_distance.h"

#include <algorithm>
#include <array>

namespace lg {

std::size_t osa_distance(std::string_view a, std::string_view b, std::size_t bound) {
  const std::size_t far = bound + 1;
  if (a.size() > kMaxEditLength || b.size() > kMaxEditLength) return far;
  std::size_t diff = a.size() > b.size() ? a.size() - b.size() : b.size() - a.size();
  if (diff > bound) return far;
  if (a.empty() || b.empty()) return std::max(a.size(), b.size());
  // Three rows of the dynamic programme (Damerau 1964; the restricted form, Boytsov 2011):
  // d[i][j] = min(del, ins, sub, and d[i-2][j-2] + 1 when a[i-1..i] is b[j-1..j] swapped).
  // Values are kept capped at `far`, which changes no result up to the bound, and only the
  // band |i - j| <= bound is computed (Ukkonen 1985): d[i][j] >= |i - j|, so every cell
  // outside it is `far`. Each row also writes `far` just left and right of its band, where
  // the next row reads.
  const std::size_t m = b.size();
  std::array<std::array<std::size_t, kMaxEditLength + 1>, 3> rows{};
  auto* prev2 = &rows[0];
  auto* prev = &rows[1];
  auto* cur = &rows[2];
  for (std::size_t j = 0; j <= m; ++j) (*prev)[j] = std::min(j, far);
  for (std::size_t i = 1; i <= a.size(); ++i) {
    const std::size_t lo = i > bound ? i - bound : 1;  // lo <= m: |a| - |b| <= bound
    const std::size_t hi = std::min(m, i + std::min(bound, m));
    (*cur)[lo - 1] = lo == 1 ? std::min(i, far) : far;
    std::size_t row_min = (*cur)[lo - 1];
    for (std::size_t j = lo; j <= hi; ++j) {
      std::size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      std::size_t v = std::min({(*prev)[j] + 1, (*cur)[j - 1] + 1, (*prev)[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        v = std::min(v, (*prev2)[j - 2] + 1);
      v = std::min(v, far);
      (*cur)[j] = v;
      row_min = std::min(row_min, v);
    }
    if (hi < m) (*cur)[hi + 1] = far;
    if (row_min > bound) return far;
    std::swap(prev2, prev);  // the old prev2 row is reused as the next cur
    std::swap(prev, cur);
  }
  return std::min((*prev)[m], far);
}

}  // namespace lg
