using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace ProcessBatching.Service.Pages;

public sealed class IndexModel : PageModel
{
    public IActionResult OnGet() => Redirect("/process-batches");
}
