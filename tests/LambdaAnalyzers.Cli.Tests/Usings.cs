global using System.Linq;
global using Xunit;
