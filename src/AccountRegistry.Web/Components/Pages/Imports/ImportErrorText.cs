using System.Globalization;
using AccountRegistry.Application.Imports;
using Microsoft.Extensions.Localization;

namespace AccountRegistry.Web.Components.Pages.Imports;

/// <summary>An import error in the reader's language (keys ImportError.* in Resources/SharedResource*.resx).</summary>
public static class ImportErrorText
{
    public static string Problem(IStringLocalizer l, ImportError error) => l["ImportError." + error.Code];

    /// <summary>
    /// What the problem's label leaves out. The English resources show the importer's English reason as it is; the
    /// Chinese ones put the error's language-free detail (a limit, a line, the allowed values) into a Chinese sentence,
    /// and say nothing more where the label, the column and the value already tell it all.
    /// </summary>
    public static string Explanation(IStringLocalizer l, ImportError error)
    {
        var template = l[$"ImportError.{error.Code}.Detail"];
        if (template.ResourceNotFound || (error.Detail is null && template.Value.Contains("{0}", StringComparison.Ordinal)))
        {
            return string.Empty;
        }

        return string.Format(CultureInfo.CurrentCulture, template.Value, error.Detail, error.Reason);
    }
}
