/// How urgent a store call is for the CPU.
package enum WorkPriority: Sendable {
    /// Runs on the pool's threads at normal priority: what a request or a person waits for.
    case normal
    /// Runs on `IdlePriorityThread.shared`, which the OS schedules only when no normal thread wants the CPU: bulk
    /// writes nobody waits for (the spend writer's batches), so that they never delay a request's next step.
    case background
}
