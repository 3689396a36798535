import Foundation
import Testing
import Yams
@testable import LogTriageIngest

/// The Kubernetes recipe in deploy/kubernetes: valid Job objects that run the commands
/// `logtriage` has, with shard and merge jobs that agree on the number of shards and the
/// partials' names, on the volume the claim provides.
@Suite("Deploy: the Kubernetes recipe")
struct KubernetesRecipeTests {
    static let folder = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("deploy/kubernetes").path

    static func manifest(_ name: String) throws -> [String: Any] {
        let text = try String(contentsOfFile: folder + "/" + name, encoding: .utf8)
        return try #require(try Yams.load(yaml: text) as? [String: Any], "\(name) is one YAML mapping")
    }

    /// The pod spec of a Job, after checking what every Job of the recipe must have.
    static func jobPod(_ job: [String: Any], name: String) throws -> [String: Any] {
        #expect(job["apiVersion"] as? String == "batch/v1", "\(name)")
        #expect(job["kind"] as? String == "Job", "\(name)")
        let metadata = try #require(job["metadata"] as? [String: Any])
        #expect((metadata["name"] as? String)?.isEmpty == false)
        let spec = try #require(job["spec"] as? [String: Any], "\(name) has a spec")
        let template = try #require(spec["template"] as? [String: Any])
        let pod = try #require(template["spec"] as? [String: Any])
        // A Job's pods must not restart forever.
        #expect(["Never", "OnFailure"].contains(pod["restartPolicy"] as? String ?? ""), "\(name)")
        let containers = try #require(pod["containers"] as? [[String: Any]])
        #expect(containers.count == 1)
        let volumes = (pod["volumes"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
        for mount in containers[0]["volumeMounts"] as? [[String: Any]] ?? [] {
            #expect(volumes.contains(mount["name"] as? String ?? ""), "\(name): mount \(mount) names a volume")
        }
        for volume in pod["volumes"] as? [[String: Any]] ?? [] {
            if let claim = volume["persistentVolumeClaim"] as? [String: Any] {
                #expect(claim["claimName"] as? String == "logtriage-data", "\(name) mounts the recipe's claim")
            }
        }
        return pod
    }

    static func arguments(_ pod: [String: Any]) throws -> [String] {
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        return try #require(container["args"] as? [String])
    }

    @Test func theShardJobIsIndexedAndWritesOnePartialPerIndex() throws {
        let job = try Self.manifest("shard-job.yaml")
        let pod = try Self.jobPod(job, name: "shard-job.yaml")
        let spec = try #require(job["spec"] as? [String: Any])
        #expect(spec["completionMode"] as? String == "Indexed")
        let completions = try #require(spec["completions"] as? Int)
        #expect(spec["parallelism"] as? Int == completions)
        let arguments = try Self.arguments(pod)
        #expect(arguments.first == "analyze")
        let shard = try #require(arguments.firstIndex(of: "--shard").map { arguments[$0 + 1] })
        #expect(shard == "$(SHARD)/\(completions)")
        // The index the shard names is the pod's completion index, as an environment variable.
        let container = try #require((pod["containers"] as? [[String: Any]])?.first)
        let environment = try #require(container["env"] as? [[String: Any]])
        let source = try #require(environment.first { $0["name"] as? String == "SHARD" }?["valueFrom"] as? [String: Any])
        let field = try #require(source["fieldRef"] as? [String: Any])
        #expect(field["fieldPath"] as? String == "metadata.annotations['batch.kubernetes.io/job-completion-index']")
        // What analyze accepts, for every index.
        for index in 0..<completions {
            let parsed = try InputShard(parsing: shard.replacingOccurrences(of: "$(SHARD)", with: "\(index)"))
            #expect(parsed.index == index && parsed.count == completions)
        }
        #expect(arguments.contains("--partial") && !arguments.contains("--out"))
    }

    @Test func theMergeJobMergesEveryShardsPartial() throws {
        let shards = try Self.manifest("shard-job.yaml")
        let shardArguments = try Self.arguments(try Self.jobPod(shards, name: "shard-job.yaml"))
        let partial = try #require(shardArguments.firstIndex(of: "--partial").map { shardArguments[$0 + 1] })
        let completions = try #require((shards["spec"] as? [String: Any])?["completions"] as? Int)
        let merge = try Self.manifest("merge-job.yaml")
        let arguments = try Self.arguments(try Self.jobPod(merge, name: "merge-job.yaml"))
        #expect(arguments.first == "merge")
        let expected = (0..<completions).map { partial.replacingOccurrences(of: "$(SHARD)", with: "\($0)") }
        #expect(Array(arguments.dropFirst().prefix { !$0.hasPrefix("--") }) == expected)
        #expect(arguments.contains("--out"))
    }

    @Test func theVolumeIsSharedBetweenNodes() throws {
        let claim = try Self.manifest("volume.yaml")
        #expect(claim["kind"] as? String == "PersistentVolumeClaim")
        #expect((claim["metadata"] as? [String: Any])?["name"] as? String == "logtriage-data")
        #expect(((claim["spec"] as? [String: Any])?["accessModes"] as? [String]) == ["ReadWriteMany"])
    }
}
