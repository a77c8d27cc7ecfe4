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
        // Public suggestions send no cookie; the provider console's (staff only) ask for the session's.
        var credentials = input.dataset.suggestionsCredentials === "same-origin" ? "same-origin" : "omit";
        fetch(input.dataset.suggestions + "?q=" + encodeURIComponent(typed), {credentials: credentials})
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

// The map of results, drawn when its panel is opened (Leaflet, served with the site).
(function () {
  "use strict";
  var container = document.getElementById("offers-map");
  if (!container) { return; }
  var details = container.closest("details");
  var drawn = false;
  function draw() {
    if (drawn || !window.L) { return; }
    drawn = true;
    var map = L.map(container).setView([parseFloat(container.dataset.lat), parseFloat(container.dataset.lon)], 11);
    L.tileLayer(container.dataset.tiles, {maxZoom: 18, attribution: container.dataset.attribution}).addTo(map);
    fetch(container.dataset.points, {credentials: "omit"})
      .then(function (response) { return response.json(); })
      .then(function (data) {
        var bounds = [];
        data.communes.forEach(function (commune) {
          var list = document.createElement("ul");
          commune.offers.forEach(function (offer) {
            var item = document.createElement("li");
            var link = document.createElement("a");
            link.href = offer.url;
            link.textContent = offer.title + " — " + offer.employer;
            item.appendChild(link);
            list.appendChild(item);
          });
          var popup = document.createElement("div");
          var title = document.createElement("strong");
          title.textContent = commune.name + " (" + commune.offers.length + ")";
          popup.append(title, list);
          L.marker([commune.latitude, commune.longitude], {title: commune.name}).bindPopup(popup).addTo(map);
          bounds.push([commune.latitude, commune.longitude]);
        });
        if (bounds.length) { map.fitBounds(bounds, {padding: [24, 24], maxZoom: 13}); }
      });
  }
  details.addEventListener("toggle", function () { if (details.open) { draw(); } });
})();
