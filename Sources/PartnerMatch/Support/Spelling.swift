/// "Did you mean …?": the one edit distance, and the ways a typed word finds its nearest spellings
/// (scenario keys, column names and codes; subcommands and vendor ids on the command line; ids a
/// scenario names that the pool lacks). Each keeps the thresholds its messages were written with.
public enum Spelling {
    /// Levenshtein distance (insertions, deletions and substitutions each cost 1) over any units:
    /// `Character`s or Unicode scalars, as the caller compares.
    public static func editDistance<T: Equatable>(_ a: [T], _ b: [T]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = previous
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }

    /// The candidate closest to `typed` on the command line: one equal ignoring case first, else the
    /// nearest by edit distance when it is close (at most one edit in four characters, at least one),
    /// else `nil`.
    public static func closest(to typed: String, among candidates: some Sequence<String>) -> String? {
        let lowered = typed.lowercased(), typedUnits = Array(lowered)
        var best: (name: String, distance: Int)? = nil
        for candidate in candidates {
            let other = candidate.lowercased()
            if other == lowered { return candidate }
            let distance = editDistance(typedUnits, Array(other))
            if distance <= max(1, typed.count / 4), distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    /// The candidate nearest to `word` ignoring case, if it is close enough to be a likely typo (at
    /// most a third of its characters, at least two); the first of equally near ones.
    public static func nearest(to word: String, in candidates: some Sequence<String>) -> String? {
        let w = Array(word.lowercased())
        var best: (String, Int)? = nil
        for candidate in candidates {
            let distance = editDistance(w, Array(candidate.lowercased()))
            if best == nil || distance < best!.1 { best = (candidate, distance) }
        }
        guard let (candidate, distance) = best, distance <= max(2, w.count / 3) else { return nil }
        return candidate
    }

    /// Up to three of `ids` nearest to `id` by edit distance (ties in byte order), within half its
    /// length (at least 2 edits); case counts, as ids are matched exactly. One pass over the ids.
    public static func nearestIDs(to id: String, in ids: [String]) -> [String] {
        let limit = max(2, id.count / 2)
        var best: [(distance: Int, id: String)] = []
        for candidate in ids where abs(candidate.count - id.count) <= limit {
            let d = editDistance(Array(candidate.unicodeScalars), Array(id.unicodeScalars))
            guard d <= limit else { continue }
            best.append((d, candidate))
            if best.count > 64 { best = Array(best.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(3)) }
        }
        return best.sorted { ($0.distance, $0.id) < ($1.distance, $1.id) }.prefix(3).map(\.id)
    }
}

/// Levenshtein distance of two strings by Unicode scalars.
func editDistance(_ a: String, _ b: String) -> Int {
    Spelling.editDistance(Array(a.unicodeScalars), Array(b.unicodeScalars))
}

/// The closest candidate to `word` by edit distance, if it is close enough to be a likely typo
/// (`Spelling.nearest`).
func closestMatch(to word: String, in candidates: some Sequence<String>) -> String? {
    Spelling.nearest(to: word, in: candidates)
}
