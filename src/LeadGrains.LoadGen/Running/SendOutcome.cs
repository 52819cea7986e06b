namespace LeadGrains.LoadGen.Running;

public enum OutcomeKind : byte
{
    /// <summary>202: the server committed the batch.</summary>
    Acknowledged,

    /// <summary>A 4xx other than 401/403: the server refused the batch (nothing stored).</summary>
    Rejected,

    /// <summary>5xx after the retries, or no answer (connection, timeout).</summary>
    Failed,

    /// <summary>401/403: the key is wrong for this; the run stops.</summary>
    Unauthorized,

    /// <summary>404 on <c>POST /v1/metrics</c>: the server has no metric reports yet.</summary>
    NotSupported,
}

/// <summary>How one batch ended, after any retries.</summary>
public readonly record struct SendOutcome(OutcomeKind Kind, int Status, int Accepted, int Duplicates, int Retries, string? Problem)
{
    public static SendOutcome Failure(int status, int retries, string problem) => new(OutcomeKind.Failed, status, 0, 0, retries, problem);
}
