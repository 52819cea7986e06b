using LeadGrains.LoadGen.Cli;

return await LoadGenCommand.Create().Parse(args).InvokeAsync();
