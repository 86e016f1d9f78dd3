using System.Text.Json;

namespace TaskWatch.Simulator;

/// <summary>The RDS-shaped <c>entities</c> object of a job (RDS and TaurusDB), by the kind's entities word.</summary>
internal static class RdsSimulatedEntities
{
    public static void Write(Utf8JsonWriter w, SimulatedJob job, string datastore, string version)
    {
        w.WriteStartObject();
        switch (job.Kind.Entities)
        {
            case "instance" or "replica" or "cluster":
                w.WriteStartObject("instance");
                w.WriteString("endpoint", "192.168.1.203:3306");
                w.WriteString("type", job.Kind.Entities switch { "replica" => "replica", "cluster" => "Cluster", _ => "Single" });
                w.WriteStartObject("datastore");
                w.WriteString("type", datastore);
                w.WriteString("version", version);
                w.WriteEndObject();
                if (job.Kind.Entities == "replica")
                {
                    w.WriteString("replica_of", "a48e43ff268f4c0e879652d65e63d0fbin01");
                }

                w.WriteEndObject();
                w.WriteStartArray("resource_ids");
                w.WriteStringValue(job.InstanceId + ".vm");
                w.WriteStringValue(job.InstanceId + ".volume");
                w.WriteEndArray();
                break;
            case "eip":
                w.WriteString("public_ip", "10.10.10.1");
                break;
            case "volume":
                w.WriteStartObject("volume");
                w.WriteString("type", "ULTRAHIGH");
                w.WriteString("original_size", "100");
                w.WriteString("target_size", "200");
                w.WriteEndObject();
                break;
            case "switch":
                w.WriteString("switch_strategy", "reliability");
                break;
        }

        w.WriteEndObject();
    }
}
