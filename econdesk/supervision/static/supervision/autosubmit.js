/* Submit a picker's form as soon as its <select data-autosubmit> changes (no inline handlers:
   the Content-Security-Policy allows only script files from this site). */
document.addEventListener("change", function (event) {
  "use strict";
  var field = event.target;
  if (!field.matches || !field.matches("select[data-autosubmit]") || !field.form) return;
  if (field.form.requestSubmit) field.form.requestSubmit();
  else field.form.submit();
});
