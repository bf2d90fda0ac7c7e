// DataConnectTests: the seeded generator matches an independent implementation and stays in range.

import XCTest
@testable import DataConnect

final class DeterministicRandomTests: XCTestCase {
    /// Expected values come from a Python transcription of SplitMix64 + xoshiro256** + FNV-1a
    /// (the reference algorithms), not from this code.
    func testOutputsMatchReferenceAlgorithms() {
        var plain = DeterministicRandom(seed: 42, stream: "")
        XCTAssertEqual([plain.next(), plain.next(), plain.next()], [0x4b75_4824_dc9b_9a86, 0xf390_9741_e47d_08e3, 0x3ec1_9ab6_530b_56f9])
        var named = DeterministicRandom(seed: 42, stream: "file-names")
        XCTAssertEqual([named.next(), named.next(), named.next()], [0x9ed3_e286_6b20_1a88, 0x89b7_192f_28b1_9ae5, 0x8938_416f_f19a_c85d])
        XCTAssertEqual(DeterministicRandom.fnv1a(""), 0xcbf2_9ce4_8422_2325)
        XCTAssertEqual(DeterministicRandom.fnv1a("file-names"), 0xc856_5d4b_0a8e_51c6)
    }

    func testGUIDsAreVersion4AndReproducible() {
        var random = DeterministicRandom(seed: 7, stream: "file-names")
        XCTAssertEqual(random.guid(), "57e71ca9-4683-444c-9e43-ffa5e4b07817")
        XCTAssertEqual(DeliveryRun.fileNames(seed: 7, count: 2).first, "57e71ca9-4683-444c-9e43-ffa5e4b07817.json")
        XCTAssertNotEqual(DeliveryRun.fileNames(seed: 8, count: 1), DeliveryRun.fileNames(seed: 7, count: 1))
        XCTAssertEqual(Set(DeliveryRun.fileNames(seed: 7, count: 50)).count, 50)
    }

    func testIntegersStayInRangeAndCoverIt() {
        var random = DeterministicRandom(seed: 1, stream: "range")
        var seen = Set<Int>()
        for _ in 0..<2000 {
            let value = random.int(in: -3...3)
            XCTAssertTrue((-3...3).contains(value))
            seen.insert(value)
        }
        XCTAssertEqual(seen, Set(-3...3))
        XCTAssertEqual(random.int(in: 5...5), 5)
    }

    func testChanceFollowsProbability() {
        var random = DeterministicRandom(seed: 9, stream: "chance")
        let hits = (0..<10_000).filter { _ in random.chance(0.25) }.count
        XCTAssertTrue((2300...2700).contains(hits), "\(hits) hits for p = 0.25")
        XCTAssertFalse(random.chance(0))
        XCTAssertTrue(random.chance(1))
    }

    func testSampleReturnsDistinctElements() {
        var random = DeterministicRandom(seed: 3, stream: "sample")
        let chosen = random.sample(Array(0..<10), count: 4)
        XCTAssertEqual(chosen.count, 4)
        XCTAssertEqual(Set(chosen).count, 4)
        XCTAssertEqual(random.sample([1, 2], count: 5).sorted(), [1, 2])
    }
}
