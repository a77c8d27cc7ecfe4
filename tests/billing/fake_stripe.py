"""A local stand-in for Stripe's HTTP API: the only part of Stripe the tests fake.

It answers the few endpoints the billing code calls with bodies shaped like
Stripe's, and records every request (method, path, form fields as Stripe
receives them, e.g. ``line_items[0][price]``) for the tests to check.
"""

import itertools
import json
import threading
import time
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit


@dataclass
class Request:
    method: str
    path: str
    form: dict[str, str]


def subscription_object(
    subscription_id: str,
    *,
    customer: str,
    status: str = "active",
    price: str = "price_small",
    created: int | None = None,
    current_period_end: int | None = None,
    cancel_at_period_end: bool = False,
) -> dict:
    """A subscription as Stripe describes it (API 2025-03-31 and later: the period is on the items)."""
    created = created or int(time.time())
    period_end = current_period_end or created + 30 * 24 * 3600
    return {
        "id": subscription_id,
        "object": "subscription",
        "customer": customer,
        "status": status,
        "created": created,
        "start_date": created,
        "cancel_at_period_end": cancel_at_period_end,
        "canceled_at": None,
        "collection_method": "charge_automatically",
        "currency": "eur",
        "livemode": False,
        "metadata": {},
        "items": {
            "object": "list",
            "data": [
                {
                    "id": f"si_{subscription_id}",
                    "object": "subscription_item",
                    "quantity": 1,
                    "current_period_start": period_end - 30 * 24 * 3600,
                    "current_period_end": period_end,
                    "price": {
                        "id": price,
                        "object": "price",
                        "currency": "eur",
                        "recurring": {"interval": "month", "interval_count": 1},
                        "unit_amount": 15000,
                    },
                }
            ],
            "has_more": False,
            "url": f"/v1/subscription_items?subscription={subscription_id}",
        },
    }


def invoice_object(
    invoice_id: str,
    *,
    customer: str,
    number: str,
    total: int = 18000,
    status: str = "paid",
    created: int | None = None,
) -> dict:
    """A finalized invoice as Stripe describes it (amounts in cents, its PDF and payment page)."""
    created = created or int(time.time())
    return {
        "id": invoice_id,
        "object": "invoice",
        "customer": customer,
        "number": number,
        "status": status,
        "created": created,
        "currency": "eur",
        "subtotal": round(total / 1.2),
        "total": total,
        "amount_due": total,
        "amount_paid": total if status == "paid" else 0,
        "amount_remaining": 0 if status == "paid" else total,
        "collection_method": "charge_automatically",
        "hosted_invoice_url": f"https://invoice.stripe.com/i/acct_fake/{invoice_id}",
        "invoice_pdf": f"https://pay.stripe.com/invoice/acct_fake/{invoice_id}/pdf",
        "period_start": created - 30 * 24 * 3600,
        "period_end": created,
        "livemode": False,
        "metadata": {},
    }


class FakeStripe:
    def __init__(self):
        self.requests: list[Request] = []
        self.subscriptions: dict[str, dict] = {}  # what GET /v1/subscriptions/<id> answers
        self.invoices: list[dict] = []  # what GET /v1/invoices lists (newest first), see invoice_object
        self._ids = itertools.count(1)
        fake = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # the query string's parameters, as a form
                fake._answer(self, dict(parse_qsl(urlsplit(self.path).query, keep_blank_values=True)))

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length", 0))).decode()
                fake._answer(self, dict(parse_qsl(body, keep_blank_values=True)))

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def sent(self, method: str, path: str) -> list[dict[str, str]]:
        """The forms of the requests received for ``method path``, oldest first."""
        return [request.form for request in self.requests if (request.method, request.path) == (method, path)]

    def _answer(self, handler: BaseHTTPRequestHandler, form: dict[str, str]) -> None:
        path = handler.path.split("?")[0]
        self.requests.append(Request(handler.command, path, form))
        status, body = self._route(handler.command, path, form)
        payload = json.dumps(body).encode()
        handler.send_response(status)
        handler.send_header("Content-Type", "application/json")
        handler.send_header("Content-Length", str(len(payload)))
        handler.send_header("Request-Id", f"req_fake{next(self._ids)}")
        handler.end_headers()
        handler.wfile.write(payload)

    def _route(self, method: str, path: str, form: dict[str, str]) -> tuple[int, dict]:
        number = next(self._ids)
        if (method, path) == ("POST", "/v1/customers"):
            return 200, {
                "id": f"cus_fake{number}",
                "object": "customer",
                "email": form.get("email"),
                "name": form.get("name"),
                "metadata": {key[9:-1]: value for key, value in form.items() if key.startswith("metadata[")},
                "livemode": False,
            }
        if (method, path) == ("POST", "/v1/checkout/sessions"):
            session_id = f"cs_test_fake{number}"
            return 200, {
                "id": session_id,
                "object": "checkout.session",
                "mode": form.get("mode"),
                "status": "open",
                "customer": form.get("customer"),
                "client_reference_id": form.get("client_reference_id"),
                "success_url": form.get("success_url"),
                "cancel_url": form.get("cancel_url"),
                "subscription": None,
                "url": f"https://checkout.stripe.com/c/pay/{session_id}",
                "livemode": False,
            }
        if (method, path) == ("POST", "/v1/billing_portal/sessions"):
            session_id = f"bps_fake{number}"
            return 200, {
                "id": session_id,
                "object": "billing_portal.session",
                "customer": form.get("customer"),
                "return_url": form.get("return_url"),
                "url": f"https://billing.stripe.com/p/session/test_{session_id}",
                "livemode": False,
            }
        if (method, path) == ("GET", "/v1/invoices"):
            # https://docs.stripe.com/api/invoices/list: a list object, filtered by customer.
            found = [
                invoice for invoice in self.invoices if invoice["customer"] == form.get("customer", invoice["customer"])
            ]
            limit = int(form.get("limit", 10))
            return 200, {"object": "list", "url": "/v1/invoices", "has_more": len(found) > limit, "data": found[:limit]}
        if method == "GET" and path.startswith("/v1/subscriptions/"):
            subscription = self.subscriptions.get(path.rsplit("/", 1)[-1])
            if subscription:
                return 200, subscription
        return 404, {
            "error": {
                "type": "invalid_request_error",
                "code": "resource_missing",
                "message": f"No such resource: {path}",
            }
        }
