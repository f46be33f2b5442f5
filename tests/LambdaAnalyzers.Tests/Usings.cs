global using System;
global using System.Threading.Tasks;
global using Xunit;
