using ContinuityOfCare.Workflows.Cli;

return CocCommand.Run(args, Console.Out, Console.Error, Directory.GetCurrentDirectory());
