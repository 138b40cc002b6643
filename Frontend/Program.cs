using System.CommandLine;
using VzFast.Loading;

namespace VzFast.Frontend;

public static class Program
{
    public static int Main(string[] args)
    {
        var root = Cli.Build();
        var parse = root.Parse(args, Cli.Parser);
        if (parse.Errors.Count > 0)
        {
            Console.Error.WriteLine($"vzfast: {parse.Errors[0].Message}");
            Console.Error.WriteLine("Try 'vzfast --help' for the options.");
            return 2;
        }
        if (args.Any(a => a is "--help" or "-h" or "-?" or "--version"))
            return parse.Invoke(); // System.CommandLine's help and version output
        try
        {
            var command = parse.CommandResult.Command.Name;
            if (command == "fetch") return Guests.GuestCommands.Fetch(parse);
            var request = Cli.ToRequest(parse);
            if (command == "boot") request = Guests.GuestCommands.BootRequest(parse, request);
            return Runner.Run(request);
        }
        catch (Guests.FetchException e)
        {
            Console.Error.WriteLine($"vzfast: {e.Message}");
            return 1;
        }
        catch (UsageException e)
        {
            Console.Error.WriteLine($"vzfast: {e.Message}");
            return 2;
        }
        catch (GuestImageException e)
        {
            Terminal.Restore();
            Console.Error.WriteLine($"vzfast: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            Terminal.Restore();
            Console.Error.WriteLine($"vzfast: internal error: {e.GetType().Name}: {e.Message}");
            return 70;
        }
    }
}
