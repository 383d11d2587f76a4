"""Pages of the shared kernel: sign-in, MFA, home ('my work'), audit, and error pages."""

from __future__ import annotations

import base64
from io import BytesIO
from typing import Any

import qrcode
import qrcode.image.svg
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import LoginView
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils.decorators import method_decorator
from django.views.decorators.http import require_http_methods, require_POST
from django_otp import login as otp_login

from . import selectors, services
from .access import NotFound, Permission
from .forms import (
    ERROR_CODE_WRONG,
    BreakGlassReviewForm,
    RecordAccessSearchForm,
    SignInForm,
    TotpCodeForm,
)
from .views_base import actor_of, public, requires
from .work import work_for


@method_decorator(public, name="dispatch")
class SignInView(LoginView):
    """Sign in with username and password (then MFA outside demo mode)."""

    template_name = "platform/sign_in.html"
    form_class = SignInForm
    redirect_authenticated_user = True


@public
@require_POST
def sign_out(request: HttpRequest) -> HttpResponse:
    """Sign out (POST only, so a link elsewhere cannot sign anyone out)."""
    logout(request)
    messages.info(request, "You have signed out.")
    return redirect("sign-in")


def _mfa_exempt(view: Any) -> Any:
    view.hub_mfa_exempt = True
    return view


@_mfa_exempt
@requires(Permission.HOME_VIEW)
@require_http_methods(["GET", "POST"])
def mfa_setup(request: HttpRequest) -> HttpResponse:
    """Enrol an authenticator app: show the key and QR code, confirm with a first code."""
    user = request.user
    device = services.mfa_enrolment_device(actor=user)  # type: ignore[arg-type]
    if device is None:
        return redirect("mfa-verify")
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        code = form.cleaned_code()
        if services.mfa_confirm_enrolment(actor=user, device=device, code=code):  # type: ignore[arg-type]
            otp_login(request, device)
            return redirect("home")
        form.add_error("code", ERROR_CODE_WRONG)
    image = qrcode.make(device.config_url, image_factory=qrcode.image.svg.SvgPathImage)
    buffer = BytesIO()
    image.save(buffer)
    qr_data_uri = "data:image/svg+xml;base64," + base64.b64encode(buffer.getvalue()).decode()
    secret = base64.b32encode(device.bin_key).decode().rstrip("=")
    return render(
        request,
        "platform/mfa_setup.html",
        {"form": form, "qr_data_uri": qr_data_uri, "secret": secret},
    )


@_mfa_exempt
@requires(Permission.HOME_VIEW)
@require_http_methods(["GET", "POST"])
def mfa_verify(request: HttpRequest) -> HttpResponse:
    """Check a code from the user's authenticator app for this session."""
    form = TotpCodeForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        device = services.mfa_check_code(actor=request.user, code=form.cleaned_code())  # type: ignore[arg-type]
        if device is not None:
            otp_login(request, device)
            return redirect("home")
        form.add_error("code", ERROR_CODE_WRONG)
    return render(request, "platform/mfa_verify.html", {"form": form})


@requires(Permission.HOME_VIEW)
def home(request: HttpRequest) -> HttpResponse:
    """'My work': what needs the user now, each section from the app that owns the work."""
    from hub.organisations.selectors import roles_held

    user = actor_of(request)
    context = {"roles": roles_held(actor=user), "sections": work_for(user)}
    return render(request, "platform/home.html", context)


@requires(Permission.BREAK_GLASS_REVIEW)
def break_glass_queue(request: HttpRequest) -> HttpResponse:
    """The hub manager's queue of break-glass access to review."""
    queue = selectors.break_glass_queue(actor=request.user)  # type: ignore[arg-type]
    return render(request, "platform/break_glass_queue.html", {"queue": queue})


@requires(Permission.BREAK_GLASS_REVIEW)
@require_http_methods(["GET", "POST"])
def break_glass_review(request: HttpRequest, access_id: int) -> HttpResponse:
    """Review one break-glass access: justified, or referred to the data-protection officer."""
    access = selectors.break_glass_queue(actor=request.user).filter(pk=access_id).first()  # type: ignore[arg-type]
    if access is None:
        raise NotFound
    form = BreakGlassReviewForm(request.POST if request.method == "POST" else None)
    if request.method == "POST" and form.is_valid():
        try:
            services.break_glass_review(
                actor=request.user,  # type: ignore[arg-type]
                access_id=access_id,
                outcome=form.cleaned_data["outcome"],
                note=form.cleaned_data["note"],
            )
        except services.ServiceError as exc:
            form.add_error("outcome", str(exc))
        else:
            messages.success(request, "Review recorded.")
            return redirect("audit:break-glass-queue")
    return render(request, "platform/break_glass_review.html", {"access": access, "form": form})


@requires(Permission.RECORD_ACCESS_VIEW)
def record_access_search(request: HttpRequest) -> HttpResponse:
    """Find a record's access trail by its reference."""
    form = RecordAccessSearchForm(request.GET or None)
    if request.GET and form.is_valid():
        return redirect("audit:record-access", object_type="person", object_id=form.object_id())
    return render(request, "platform/record_access_search.html", {"form": form})


@requires(Permission.RECORD_ACCESS_VIEW)
def record_access(request: HttpRequest, object_type: str, object_id: int) -> HttpResponse:
    """Who has viewed this record: every read and change, by whom, when, why, from where."""
    rows = selectors.record_access_log(
        actor=request.user,  # type: ignore[arg-type]
        object_type=object_type,
        object_id=object_id,
    )
    return render(
        request,
        "platform/record_access.html",
        {"rows": rows, "object_type": object_type, "reference": f"P{object_id:07d}"},
    )


# Error pages: the same plain page whatever went wrong, never a trace or a hint of a record.
@public
def bad_request(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "platform/error.html", _error(400), status=400)


@public
def permission_denied(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "platform/error.html", _error(403), status=403)


@public
def page_not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    return render(request, "platform/error.html", _error(404), status=404)


@public
def server_error(request: HttpRequest) -> HttpResponse:
    # Rendered without the request: a failure half-way through (a sign-in, say) must not show
    # whose session it was, nor anything else the page would take from the request.
    return HttpResponse(render_to_string("platform/error.html", _error(500)), status=500)


@public
def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    return render(request, "platform/error.html", _error(403, csrf=True), status=403)


def _error(status: int, *, csrf: bool = False) -> dict[str, str]:
    titles = {
        400: (
            "There is a problem with that request",
            "Check the address or go back and try again.",
        ),
        403: (
            "You do not have access to this page",
            "If you need it for your work, ask your manager.",
        ),
        404: (
            "Page not found",
            "If you typed the web address, check it is correct. "
            "The page may not exist, or you may not have access to it.",
        ),
        500: ("Sorry, there is a problem with the service", "Try again later."),
    }
    title, body = titles[status]
    if csrf:
        title, body = (
            "Your form could not be sent",
            "The page may have been open for too long. Go back, reload the page and try again.",
        )
    return {"error_title": title, "error_body": body}
