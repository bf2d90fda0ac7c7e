// DataConnect: the synthetic tenant's Teams chat threads (one-on-one, group and meeting chats).

import Foundation

/// The tenant's chat threads: one-on-one chats between each user and their manager and a few
/// colleagues (`19:<oid>_<oid>@unq.gbl.spaces`), a group chat per Teams-enabled group
/// (`19:<hex>@thread.v2`), and a meeting chat per Teams-enabled group (`19:meeting_...@thread.v2`).
struct TeamChatThreads {
    struct Thread {
        let id: String
        let type: String
        let members: [Int]
        let key: [UInt8]
    }

    let threads: [Thread]

    init(tenant: SyntheticTenant, seed: UInt64) {
        var random = DeterministicRandom(seed: seed, stream: "chat-threads")
        var pairs: [(Int, Int)] = []
        for (index, user) in tenant.users.enumerated() {
            if let manager = user.managerIndex { pairs.append((min(index, manager), max(index, manager))) }
            let peer = random.int(in: 0...(tenant.users.count - 1))
            if peer != index { pairs.append((min(index, peer), max(index, peer))) }
        }
        var seen = Set<String>()
        var threads: [Thread] = []
        for (a, b) in pairs {
            let ids = [tenant.users[a].objectId, tenant.users[b].objectId].sorted()
            let id = "19:\(ids[0])_\(ids[1])@unq.gbl.spaces"
            guard seen.insert(id).inserted else { continue }
            threads.append(Thread(id: id, type: "chat", members: [a, b], key: [UInt8](random.bytes(16))))
        }
        for group in tenant.groups where group.teamsEnabled && group.members.count > 1 {
            let hex = random.bytes(16).map { String(format: "%02x", $0) }.joined()
            threads.append(Thread(id: "19:\(hex)@thread.v2", type: "chat", members: group.members, key: [UInt8](random.bytes(16))))
            let meeting = ExchangeIdentifiers.graphBase64([UInt8](random.bytes(30))).replacingOccurrences(of: "=", with: "")
            threads.append(Thread(id: "19:meeting_\(meeting)@thread.v2", type: "meeting", members: group.members,
                                  key: [UInt8](random.bytes(16))))
        }
        self.threads = threads
    }

    /// A thread for the next message (one-on-one chats twice as likely as group threads).
    func pick(_ random: inout DeterministicRandom) -> Thread? {
        guard !threads.isEmpty else { return nil }
        let oneOnOne = threads.filter { $0.members.count == 2 }
        if !oneOnOne.isEmpty, random.chance(0.67) { return random.pick(oneOnOne) }
        return random.pick(threads)
    }
}
