using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Options;
using ProcessBatching.Components.Batches;

namespace ProcessBatching.Service.Pages.ProcessBatches;

public sealed class NewModel(ProcessBatchService batches, IOptions<ProcessBatchOptions> options, TimeProvider clock) : PageModel
{
    public int MaxCount => options.Value.MaxCount;

    [BindProperty]
    public NewBatchForm Form { get; set; } = new();

    public void OnGet()
    {
        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        Form.FromDate = today.AddDays(1 - today.Day);
        Form.ToDate = today;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        // Values that did not even bind (letters in a number field) are reported without asking the service.
        if (!ModelState.IsValid)
        {
            return Page();
        }

        try
        {
            var (batch, _) = await batches.CreateAsync(Form.ToRequest(), cancellationToken);
            return Redirect($"/process-batches/{batch.BatchId}");
        }
        catch (ProcessBatchValidationException invalid)
        {
            foreach (var (key, messages) in invalid.Errors)
            {
                foreach (var message in messages)
                {
                    ModelState.AddModelError(NewBatchForm.FieldFor(key, nameof(Form)), message);
                }
            }

            return Page();
        }
    }

    /// <summary>The errors of one field, joined, or null when it has none.</summary>
    public string? ErrorFor(string key) =>
        ModelState.TryGetValue(key, out var entry) && entry.Errors.Count > 0
            ? string.Join(" ", entry.Errors.Select(e => e.ErrorMessage))
            : null;

    public bool HasStepErrors(string step) => ModelState.Any(e => e.Key.StartsWith($"{nameof(Form)}.{step}", StringComparison.Ordinal) && e.Value is { Errors.Count: > 0 });
}
