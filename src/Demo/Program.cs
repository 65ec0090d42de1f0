using MedChain.Demo;

// make demo | make token USER=... | make run's last step (admit) and its list of users.
//   MedChain.Demo story|admit|users [--run-file .run/run.json]
//   MedChain.Demo token USER [--run-file .run/run.json]
var positional = new List<string>();
var runFile = Path.Combine(".run", "run.json");
for (var i = 0; i < args.Length; i++)
{
    if (args[i] == "--run-file" && i + 1 < args.Length)
    {
        runFile = args[++i];
    }
    else
    {
        positional.Add(args[i]);
    }
}

using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancel.Cancel();
};

try
{
    switch (positional.FirstOrDefault())
    {
        case "users":
            foreach (var user in DemoUsers.All)
            {
                Console.WriteLine($"  {user.Name,-38} {user.Role,-11} {user.Description}");
            }

            return 0;
        case "token" when positional.Count == 2:
            {
                var user = DemoUsers.Find(positional[1]) ?? throw new ArgumentException(
                    $"'{positional[1]}' is not a demo user; use one of: {string.Join(", ", DemoUsers.All.Select(u => u.Name))}");
                var settings = RunSettings.Load(runFile);
                using var tokens = DevTokens.FromPemFile(settings.Tokens.SigningKeyPath, settings.Tokens.Issuer, settings.Tokens.Audience);
                Console.WriteLine(tokens.Create(user, TimeSpan.FromHours(1)));
                return 0;
            }

        case "story" or "admit":
            {
                var settings = RunSettings.Load(runFile);
                using var tokens = DevTokens.FromPemFile(settings.Tokens.SigningKeyPath, settings.Tokens.Issuer, settings.Tokens.Audience);
                var blobs = BlobTamperer.Connect(settings.Storage);
                var clients = Enum.GetValues<DemoOrg>().ToDictionary(o => o, o => new HttpClient { BaseAddress = settings.Service(o).Url, Timeout = TimeSpan.FromMinutes(3) });
                try
                {
                    var targets = new DemoTargets(
                        o => clients[o],
                        u => tokens.Create(u, TimeSpan.FromMinutes(30)),
                        o => settings.Service(o).MspId,
                        (recordId, token) => BlobTamperer.TamperAsync(blobs, settings.Storage.RecordsContainer, recordId, token));
                    var story = new DemoStory(targets, Console.Out);
                    if (positional[0] == "admit")
                    {
                        await story.AdmitPatientsAsync(cancel.Token).ConfigureAwait(false);
                        return 0;
                    }

                    Console.WriteLine($"MedChain demo on the {settings.LedgerMode} ledger: hospital {settings.Services.Hospital.Url} ({settings.Services.Hospital.MspId}), "
                        + $"pharmacy {settings.Services.Pharmacy.Url} ({settings.Services.Pharmacy.MspId}), regulator {settings.Services.Regulator.Url} ({settings.Services.Regulator.MspId}).");
                    Console.WriteLine("Every step below is an HTTP call to those services, as the person named; the services sign each ledger transaction as that person.");
                    await story.RunAsync(cancel.Token).ConfigureAwait(false);
                    return 0;
                }
                finally
                {
                    foreach (var client in clients.Values)
                    {
                        client.Dispose();
                    }
                }
            }

        default:
            Console.Error.WriteLine("usage: MedChain.Demo story|admit|users [--run-file .run/run.json] | token USER [--run-file .run/run.json]");
            return 2;
    }
}
catch (DemoFailedException e)
{
    Console.Error.WriteLine();
    Console.Error.WriteLine($"The story stopped: {e.Message}");
    return 1;
}
catch (Exception e) when (e is ArgumentException or FileNotFoundException or HttpRequestException or InvalidDataException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
