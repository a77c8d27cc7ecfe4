// Progressive enhancements of the portal's forms; every form works without them.
(function () {
  "use strict";

  // Suggestions under a text field: <input data-suggestions="/suggestions/communes/" list="...">
  document.querySelectorAll("input[data-suggestions]").forEach(function (input) {
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    input.after(list);
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      var typed = input.value.trim();
      if (typed.length < 2) { return; }
      timer = setTimeout(function () {
        fetch(input.dataset.suggestions + "?q=" + encodeURIComponent(typed), {credentials: "omit"})
          .then(function (response) { return response.ok ? response.json() : {results: []}; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.results.map(function (item) {
              var option = document.createElement("option");
              option.value = item.label;
              return option;
            }));
          })
          .catch(function () { /* suggestions are a convenience: the field still works */ });
      }, 200);
    });
  });

  // "Around me": the phone's position, asked only when the person presses the button.
  var button = document.getElementById("geolocate");
  if (button && "geolocation" in navigator) {
    button.hidden = false;
    button.addEventListener("click", function () {
      var form = button.form;
      var status = document.getElementById("geolocate-status");
      status.textContent = button.dataset.waiting;
      navigator.geolocation.getCurrentPosition(function (position) {
        form.elements.lat.value = position.coords.latitude.toFixed(5);
        form.elements.lon.value = position.coords.longitude.toFixed(5);
        form.elements.commune.value = "";
        form.submit();
      }, function () {
        status.textContent = button.dataset.refused;
      }, {timeout: 10000, maximumAge: 600000});
    });
  }
})();
