// Minka's fixed-point update of an asymmetric Dirichlet document-topic prior
// alpha, computed from count histograms as in Wallach (2008):
//
//   alpha_k <- alpha_k * sum_n hist_k[n] (psi(alpha_k + n) - psi(alpha_k))
//                       / sum_n len[n]   (psi(A + n) - psi(A)),  A = sum alpha
//
// with the digamma differences expanded as sums of 1 / (x + j). Pure function.
#ifndef WORDLOOM_TOPICS_ALPHA_OPTIMIZER_H_
#define WORDLOOM_TOPICS_ALPHA_OPTIMIZER_H_

#include <cstdint>
#include <vector>

namespace wordloom::topics {

// topic_hist[k][n]: number of documents with n tokens in topic k (n >= 1);
// length_hist[n]: number of documents with n tokens. Returns the alpha after
// `rounds` fixed-point steps, each alpha_k kept in [1e-6, 1e3]. Returns
// `alpha` unchanged when there is no document of positive length.
std::vector<double> OptimizeAlphaMinka(std::vector<double> alpha,
                                       const std::vector<std::vector<int64_t>>& topic_hist,
                                       const std::vector<int64_t>& length_hist, int rounds = 5);

}  // namespace wordloom::topics

#endif  // WORDLOOM_TOPICS_ALPHA_OPTIMIZER_H_
