using System;
using System.Threading.Tasks;

namespace Orders;

/// <summary>
/// SNS (named by template.yaml only: no ILambdaContext). The runtime refuses it: a receipt needs a
/// serializer, and the class has no parameterless constructor.
/// </summary>
public class ReceiptHandler
{
    private readonly string _sender;

    public ReceiptHandler(string sender) => _sender = sender;

    public async Task Send(Order order)
    {
        try
        {
            await Task.Delay(10);
        }
        catch (Exception)
        {
            Console.WriteLine("receipt failed for " + order.OrderId + " from " + _sender);
        }
    }
}
