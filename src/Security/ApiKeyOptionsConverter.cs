using System.ComponentModel;
using System.Globalization;

namespace TaskWatch.Security;

/// <summary>Lets <c>TaskWatch:Access:ApiKeys:{name}=&lt;hash&gt;</c> (the form of earlier releases) bind to <see cref="ApiKeyOptions"/>.</summary>
public sealed class ApiKeyOptionsConverter : TypeConverter
{
    public override bool CanConvertFrom(ITypeDescriptorContext? context, Type sourceType) =>
        sourceType == typeof(string) || base.CanConvertFrom(context, sourceType);

    public override object? ConvertFrom(ITypeDescriptorContext? context, CultureInfo? culture, object value) =>
        value is string hash ? new ApiKeyOptions { Hash = hash } : base.ConvertFrom(context, culture, value);
}
