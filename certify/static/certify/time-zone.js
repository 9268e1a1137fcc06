// Fills a sign-in form's hidden time-zone field with the zone the browser reports (an IANA name such as
// "Europe/Berlin"). The site keeps it only for a person who has not chosen a zone yet; without this script the
// field stays empty and the site's zone applies.
(function () {
  "use strict";
  var zone = "";
  try {
    zone = Intl.DateTimeFormat().resolvedOptions().timeZone || "";
  } catch (error) {
    zone = "";
  }
  var inputs = document.querySelectorAll("input[data-browser-time-zone]");
  for (var i = 0; i < inputs.length; i += 1) {
    inputs[i].value = zone;
  }
})();
